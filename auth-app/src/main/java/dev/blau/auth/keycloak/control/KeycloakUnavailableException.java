package dev.blau.auth.keycloak.control;

/** Keycloak could not be reached or answered with a server error: the caller should retry later. */
public class KeycloakUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeycloakUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
