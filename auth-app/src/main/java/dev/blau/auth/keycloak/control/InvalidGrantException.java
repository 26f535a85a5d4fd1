package dev.blau.auth.keycloak.control;

/** Keycloak refused a grant (wrong credentials, locked or disabled account, spent refresh token). */
public class InvalidGrantException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidGrantException(String description) {
        super(description);
    }

    public boolean accountDisabled() {
        return "Account disabled".equalsIgnoreCase(getMessage());
    }
}
