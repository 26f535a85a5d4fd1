package dev.blau.auth.sessions.control;

import java.nio.charset.StandardCharsets;
import java.io.StringReader;
import java.util.Base64;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.events.control.UserEvents;
import dev.blau.auth.events.entity.UserEvent;
import dev.blau.auth.keycloak.control.InvalidGrantException;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.keycloak.control.TokenSet;
import dev.blau.common.json.JsonProcessing;
import dev.blau.common.problem.ProblemException;

/** Sign-in, token refresh and sign-out, all at Keycloak's token endpoint. */
@ApplicationScoped
public class Sessions {

    @Inject
    KeycloakClient keycloak;

    @Inject
    UserEvents events;

    @Inject
    LoginThrottle throttle;

    @Inject
    TokenRenewals renewals;

    // read by the alert on password guessing in deploy/prometheus/alerts
    @Inject
    @Metric(name = "auth_logins_failed_total", description = "Sign-ins refused for a wrong username or password")
    Counter failedLogins;

    /** Signs in from {@code address} (the client's, as the proxies in front report it). */
    public TokenSet login(String usernameOrEmail, String password, String address) {
        throttle.admit(usernameOrEmail, address);
        TokenSet tokens;
        try {
            tokens = keycloak.passwordGrant(usernameOrEmail, password);
        } catch (InvalidGrantException e) {
            if (!e.accountDisabled()) {
                throttle.failed(usernameOrEmail, address);
                failedLogins.inc();
            }
            throw refusal(e);
        }
        JsonObject claims = claimsOf(tokens.accessToken());
        events.publish(UserEvent.login(claims.getString("sub", ""), claims.getString("preferred_username", "")));
        return tokens;
    }

    public CompletionStage<TokenSet> refresh(String refreshToken) {
        return renewals.renew(refreshToken);
    }

    public void logout(String refreshToken) {
        keycloak.logout(refreshToken);
        renewals.forget(refreshToken);
    }

    /**
     * Keycloak answers an account its brute-force detection locked exactly like a wrong
     * password, and so does BLAU: saying "locked" would tell a guesser that the account exists
     * and that the guessing works. A disabled account is said to be one (only its owner's
     * password gets that far).
     */
    private static ProblemException refusal(InvalidGrantException e) {
        if (e.accountDisabled()) {
            return AuthProblems.accountDisabled();
        }
        return AuthProblems.invalidCredentials();
    }

    /** The payload of a token Keycloak just handed us over TLS-or-loopback: read, not verified. */
    static JsonObject claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }
}
