package dev.blau.auth.keycloak.control;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * A server error of Keycloak's is an outage, whichever call met it: {@link KeycloakUnavailableException}
 * (which the fault-tolerance guards count). Every other status is an answer the caller reads.
 */
public class KeycloakServerErrors implements ResponseExceptionMapper<KeycloakUnavailableException> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 500;
    }

    @Override
    public KeycloakUnavailableException toThrowable(Response response) {
        // the status only: bodies of token responses may hold secrets
        return new KeycloakUnavailableException("Keycloak answered HTTP " + response.getStatus(), null);
    }
}
