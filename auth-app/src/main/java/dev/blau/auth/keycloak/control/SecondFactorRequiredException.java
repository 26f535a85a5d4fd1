package dev.blau.auth.keycloak.control;

/**
 * The password was right, but the account signs in with a second factor (it set up an
 * authenticator app, or holds the realm role {@code mfa-required}): the password grant cannot
 * ask for the code, single sign-on does.
 */
public class SecondFactorRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecondFactorRequiredException() {
        super("a second factor is required: sign in through single sign-on");
    }
}
