package dev.blau.auth.keycloak.boundary;

import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.keycloak.control.KeycloakUnavailableException;

/** No Keycloak, no sign-in: 503 with Retry-After, and readiness is DOWN meanwhile. */
@Provider
public class KeycloakUnavailableExceptionMapper implements ExceptionMapper<KeycloakUnavailableException> {

    private static final Logger LOG = Logger.getLogger(KeycloakUnavailableExceptionMapper.class.getName());

    @Override
    public Response toResponse(KeycloakUnavailableException exception) {
        LOG.warning(() -> "Keycloak unavailable: " + exception.getMessage());
        return AuthProblems.identityProviderUnavailable("Sign-in is unavailable for a moment. Try again shortly.", 5);
    }
}
