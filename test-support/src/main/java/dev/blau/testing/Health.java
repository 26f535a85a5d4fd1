package dev.blau.testing;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import jakarta.json.JsonObject;

/**
 * Reading a MicroProfile Health answer ({@code {"status","checks":[{"name","status","data"}]}}),
 * and figures from a server's metrics (its gauges, the circuit breakers' openings).
 */
public final class Health {

    private Health() {
    }

    public static Map<String, JsonObject> checksByName(JsonObject health) {
        return health.getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(check -> check.getString("name"), Function.identity()));
    }

    /** The server's readiness check of this name, whether the server is ready or not. */
    public static JsonObject readinessCheck(Api server, String name) {
        return checksByName(server.get("/health/ready").json()).get(name);
    }

    /** A circuit breaker's state as a readiness check's data gives it ({@code open}, {@code closed}). */
    public static String circuitBreaker(Api server, String check) {
        JsonObject found = readinessCheck(server, check);
        return found == null || !found.containsKey("data") ? null : found.getJsonObject("data").getString("circuitBreaker", null);
    }

    /** An application gauge's value in the server's {@code /metrics}. */
    public static long gauge(Api server, String name) {
        return metricValues(server, line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no gauge " + name + " in /metrics"));
    }

    /** How often the breaker of one guarded method ({@code Class.method}) has opened, from the server's /metrics. */
    public static long breakerOpenedTimes(Api server, String method) {
        return metricValues(server, line -> line.startsWith("ft_circuitbreaker_opened_total") && line.contains(method + "\""))
                .sum();
    }

    // the values of the metric lines (Prometheus text: "name{labels} value") the filter keeps
    private static LongStream metricValues(Api server, Predicate<String> lines) {
        return server.get("/metrics").body().lines().filter(lines)
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }
}
