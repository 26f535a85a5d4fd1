package dev.blau.testing;

import java.net.URI;

/**
 * Keycloak's own count of the HTTP requests it served, read from its metrics endpoint on the
 * management port (Prometheus text, {@code http_server_requests_seconds_count}): how tests and
 * benchmarks prove that a chat server asks Keycloak nothing while sockets sit open.
 */
public final class KeycloakMetrics {

    private final Api management;

    public KeycloakMetrics(URI managementUrl) {
        this.management = new Api(managementUrl);
    }

    /** The local stack's Keycloak management port (property {@code blau.keycloak.management.url}). */
    public static KeycloakMetrics ofLocalStack() {
        return new KeycloakMetrics(URI.create(System.getProperty("blau.keycloak.management.url", "http://localhost:19000")));
    }

    /** Requests served so far on Keycloak's API (every path but its own metrics and health), over every answer. */
    public long requestsServed() {
        Api.Answer metrics = management.get("/metrics");
        if (metrics.status() != 200) {
            throw new IllegalStateException("Keycloak metrics not readable: " + metrics.status());
        }
        double total = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{") && !line.contains("uri=\"/metrics")
                    && !line.contains("uri=\"/health")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }
}
