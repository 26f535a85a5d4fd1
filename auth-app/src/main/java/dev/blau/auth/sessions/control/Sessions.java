package dev.blau.auth.sessions.control;

import java.nio.charset.StandardCharsets;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;

import dev.blau.auth.events.control.UserEvents;
import dev.blau.auth.events.entity.UserEvent;
import dev.blau.auth.keycloak.control.InvalidGrantException;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.keycloak.control.TokenSet;
import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;

/** Sign-in, token refresh and sign-out, all at Keycloak's token endpoint. */
@ApplicationScoped
public class Sessions {

    @Inject
    KeycloakClient keycloak;

    @Inject
    UserEvents events;

    public TokenSet login(String usernameOrEmail, String password) {
        TokenSet tokens;
        try {
            tokens = keycloak.passwordGrant(usernameOrEmail, password);
        } catch (InvalidGrantException e) {
            throw refusal(usernameOrEmail, e);
        }
        JsonObject claims = claimsOf(tokens.accessToken());
        events.publish(UserEvent.login(claims.getString("sub", ""), claims.getString("preferred_username", "")));
        return tokens;
    }

    public TokenSet refresh(String refreshToken) {
        try {
            return keycloak.refresh(refreshToken);
        } catch (InvalidGrantException e) {
            throw new ProblemException(Problem.of(Response.Status.UNAUTHORIZED, "invalid-refresh-token",
                    "The refresh token is no longer valid: sign in again."));
        }
    }

    public void logout(String refreshToken) {
        keycloak.logout(refreshToken);
    }

    /**
     * Keycloak answers a locked account exactly like a wrong password; brute-force status
     * tells them apart, so a locked user learns when to try again instead of retrying blindly.
     */
    private ProblemException refusal(String usernameOrEmail, InvalidGrantException e) {
        if (e.accountDisabled()) {
            return new ProblemException(Problem.of(Response.Status.FORBIDDEN, "account-disabled",
                    "This account is disabled."));
        }
        Optional<Instant> lockedUntil = keycloak.findUserId(usernameOrEmail).flatMap(keycloak::lockedUntil);
        if (lockedUntil.isPresent()) {
            long seconds = Math.max(1, Duration.between(Instant.now(), lockedUntil.get()).toSeconds());
            return new ProblemException(new Problem(java.net.URI.create(Problem.TYPE_BASE + "account-locked"),
                    "Locked", 423, "Too many failed sign-ins: this account is locked for " + seconds + " s.", null, null),
                    Map.of("Retry-After", Long.toString(seconds)), null);
        }
        return new ProblemException(Problem.of(Response.Status.UNAUTHORIZED, "invalid-credentials",
                "The username or password is not right."));
    }

    /** The payload of a token Keycloak just handed us over TLS-or-loopback: read, not verified. */
    static JsonObject claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }
}
