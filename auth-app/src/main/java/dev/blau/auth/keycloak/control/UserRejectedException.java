package dev.blau.auth.keycloak.control;

/**
 * Keycloak refused to create a user: {@code field} is the offending field ({@code username},
 * {@code email} or {@code password}); {@code conflict} is true for a taken username or email.
 */
public class UserRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final boolean conflict;

    public UserRejectedException(String field, String message, boolean conflict) {
        super(message);
        this.field = field;
        this.conflict = conflict;
    }

    public String field() {
        return field;
    }

    public boolean conflict() {
        return conflict;
    }
}
