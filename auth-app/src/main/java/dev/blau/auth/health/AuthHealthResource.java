package dev.blau.auth.health;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.common.health.HealthReport;

/** {@code GET /api/v1/auth/health}: auth-app's readiness through the gateway's route. Public. */
@Path("auth/health")
@DenyAll
@RequestScoped
@Tag(name = "health")
public class AuthHealthResource {

    @Inject
    @Readiness
    Instance<HealthCheck> readinessChecks;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "auth-app readiness: UP (200) or DOWN (503) with a check per backing service")
    public Response health() {
        return HealthReport.of("auth-app", readinessChecks);
    }
}
