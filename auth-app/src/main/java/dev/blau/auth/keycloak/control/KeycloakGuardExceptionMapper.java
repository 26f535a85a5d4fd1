package dev.blau.auth.keycloak.control;

import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import dev.blau.common.problem.Problem;
import dev.blau.common.problem.RetryAfter;

/**
 * What {@link KeycloakClient}'s guards answer instead of calling Keycloak — its breaker open
 * after repeated failures, its bulkhead full, a call past its timeout — is an outage to the
 * client: the same {@code 503} problem, with the breaker's pause as Retry-After.
 */
@Provider
public class KeycloakGuardExceptionMapper implements ExceptionMapper<FaultToleranceException> {

    private static final Logger LOG = Logger.getLogger(KeycloakGuardExceptionMapper.class.getName());

    @Override
    public Response toResponse(FaultToleranceException exception) {
        String detail;
        if (exception instanceof CircuitBreakerOpenException) {
            detail = "Sign-in is paused for a few seconds after the identity provider failed repeatedly. Try again shortly.";
        } else if (exception instanceof BulkheadException) {
            detail = "Sign-in is busy waiting for the identity provider. Try again shortly.";
        } else {
            detail = "Sign-in is unavailable for a moment. Try again shortly.";
        }
        LOG.warning(() -> "Keycloak call not made or given up: " + exception.getClass().getSimpleName());
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "identity-provider-unavailable", detail)
                .toResponse()
                .header(RetryAfter.HEADER, Long.toString(KeycloakClient.PAUSE_SECONDS))
                .build();
    }
}
