package dev.blau.auth.keycloak.boundary;

import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.keycloak.control.KeycloakClient;

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
            // answered at a request's pace while the breaker is open: its opening is in /metrics and
            // alerted on, so a line per refused request would only flood the log
            LOG.fine("Keycloak call not made: circuit breaker open");
            detail = "Sign-in is paused for a few seconds after the identity provider failed repeatedly. Try again shortly.";
        } else if (exception instanceof BulkheadException) {
            LOG.warning("Keycloak call not made: every allowed call is already waiting for Keycloak");
            detail = "Sign-in is busy waiting for the identity provider. Try again shortly.";
        } else {
            LOG.warning(() -> "Keycloak call given up: " + exception.getClass().getSimpleName());
            detail = "Sign-in is unavailable for a moment. Try again shortly.";
        }
        return AuthProblems.identityProviderUnavailable(detail, KeycloakClient.PAUSE_SECONDS);
    }
}
