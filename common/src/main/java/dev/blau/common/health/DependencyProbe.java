package dev.blau.common.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Builds readiness responses for the backing services. Every probe is bounded by a short
 * timeout, so a dead dependency makes readiness DOWN quickly instead of hanging the check,
 * and a DOWN response always says why in its {@code reason} field.
 */
public final class DependencyProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private DependencyProbe() {
    }

    /** UP when a connection can be taken from the pool and answers a validation round trip. */
    public static HealthCheckResponse jdbc(String name, DataSource dataSource) {
        return probe(name, () -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid((int) TIMEOUT.toSeconds())) {
                    throw new IllegalStateException("connection is not valid");
                }
                var metaData = connection.getMetaData();
                return HealthCheckResponse.named(name).up()
                        .withData("database", metaData.getDatabaseProductName() + " "
                                + metaData.getDatabaseProductVersion());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** UP when the Kafka cluster describes itself within the timeout. */
    public static HealthCheckResponse kafka(String name, Admin admin) {
        return probe(name, () -> {
            try {
                var cluster = admin.describeCluster(
                        new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
                String clusterId = cluster.clusterId().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
                int brokers = cluster.nodes().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
                return HealthCheckResponse.named(name).up()
                        .withData("clusterId", clusterId)
                        .withData("brokers", brokers);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(rootMessage(e), e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("no answer from the brokers within " + TIMEOUT.toSeconds() + " s", e);
            }
        });
    }

    /** UP when a GET of the URL answers 2xx. */
    public static HealthCheckResponse http(String name, URI uri) {
        return probe(name, () -> {
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException(uri + " answered HTTP " + response.statusCode());
                }
                return HealthCheckResponse.named(name).up().withData("url", uri.toString());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(uri + " unreachable: " + rootMessage(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
    }

    /**
     * Runs a probe and turns any failure into DOWN with the reason, never an exception:
     * an exception escaping a check would make the whole health endpoint answer 500.
     */
    public static HealthCheckResponse probe(String name, Supplier<HealthCheckResponseBuilder> check) {
        return probe(name, check, UnaryOperator.identity());
    }

    /** As {@link #probe(String, Supplier)}, with {@code always} adding its data up or down (e.g. a circuit breaker's state). */
    public static HealthCheckResponse probe(String name, Supplier<HealthCheckResponseBuilder> check,
                                            UnaryOperator<HealthCheckResponseBuilder> always) {
        HealthCheckResponseBuilder answer;
        try {
            answer = check.get();
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? rootMessage(e) : e.getMessage();
            answer = HealthCheckResponse.named(name).down().withData("reason", reason);
        }
        return always.apply(answer).build();
    }

    static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
