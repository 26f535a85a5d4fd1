package dev.blau.auth.keycloak.control;

import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.blau.common.problem.Problem;
import dev.blau.common.problem.RetryAfter;

/** No Keycloak, no sign-in: 503 with Retry-After, and readiness is DOWN meanwhile. */
@Provider
public class KeycloakUnavailableExceptionMapper implements ExceptionMapper<KeycloakUnavailableException> {

    private static final Logger LOG = Logger.getLogger(KeycloakUnavailableExceptionMapper.class.getName());

    @Override
    public Response toResponse(KeycloakUnavailableException exception) {
        LOG.warning(() -> "Keycloak unavailable: " + exception.getMessage());
        return unavailable("Sign-in is unavailable for a moment. Try again shortly.", 5);
    }

    /** The answer whenever Keycloak cannot be used: 503 {@code identity-provider-unavailable} with Retry-After. */
    static Response unavailable(String detail, long retryAfterSeconds) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "identity-provider-unavailable", detail)
                .toResponse()
                .header(RetryAfter.HEADER, Long.toString(retryAfterSeconds))
                .build();
    }
}
