package dev.blau.common.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The body of an application's own {@code GET .../health}: the same readiness checks that
 * MicroProfile Health serves at {@code /health/ready}, limited to this application, in the
 * MicroProfile Health JSON shape. 200 when all are UP, 503 otherwise.
 */
public final class HealthReport {

    private HealthReport() {
    }

    public static Response of(String application, Iterable<HealthCheck> checks) {
        List<Map<String, Object>> results = new java.util.ArrayList<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            HealthCheckResponse response = check.call();
            up &= response.getStatus() == HealthCheckResponse.Status.UP;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", response.getName());
            result.put("status", response.getStatus().name());
            response.getData().ifPresent(data -> result.put("data", data));
            results.add(result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", application);
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", results);
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }
}
