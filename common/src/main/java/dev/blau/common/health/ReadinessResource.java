package dev.blau.common.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.blau.common.ServiceName;

/**
 * An application's own {@code GET .../health}, public through the gateway's route: the same
 * readiness checks that MicroProfile Health serves at {@code /health/ready}, limited to this
 * application, in the MicroProfile Health JSON shape. 200 when all are UP, 503 otherwise. Each
 * application subclasses it with its path.
 */
public abstract class ReadinessResource {

    @Inject
    @Readiness
    Instance<HealthCheck> readinessChecks;

    @Inject
    ServiceName service;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Readiness of this service: UP (200) or DOWN (503) with a check per backing service")
    public Response health() {
        List<Map<String, Object>> results = new ArrayList<>();
        boolean up = true;
        for (HealthCheck check : readinessChecks) {
            HealthCheckResponse response = check.call();
            up &= response.getStatus() == HealthCheckResponse.Status.UP;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", response.getName());
            result.put("status", response.getStatus().name());
            response.getData().ifPresent(data -> result.put("data", data));
            results.add(result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", service.value() + "-app");
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", results);
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }
}
