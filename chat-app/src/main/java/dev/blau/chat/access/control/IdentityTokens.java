package dev.blau.chat.access.control;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.blau.common.security.KeycloakRealm;

/**
 * Verifies Keycloak's tokens on this server, as MicroProfile JWT does for REST: RS256
 * signature by a key of the realm's JWKS, issuer, audience, expiry (30 s of clock skew). The
 * JWKS is cached for {@code blau.signing-keys.refresh-seconds} (a minute; fetched again in the
 * background from its second half, on a thread of its own; sooner when a token names an unknown
 * key), so verifying costs at most a request a minute to Keycloak, whatever the number of sockets,
 * and a key removed from the realm stops being trusted within that minute. When Keycloak is slow or
 * away, the keys it published last go on verifying.
 */
@ApplicationScoped
public class IdentityTokens {

    static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final int CLOCK_SKEW_SECONDS = 30;
    private static final int TIMEOUT_MILLIS = 3_000;

    @Inject
    KeycloakRealm keycloak;

    @Inject
    @ConfigProperty(name = "chat.token.audience", defaultValue = "blau")
    String audience;

    /** The clients whose sessions Keycloak may end by back-channel logout (the logout token's audience). */
    @Inject
    @ConfigProperty(name = "chat.backchannel-logout.clients", defaultValue = "blau-web,blau-auth-app")
    Set<String> logoutClients;

    @Resource
    ManagedThreadFactory threads;

    private JWKSource<SecurityContext> keys;
    private DefaultJWTProcessor<SecurityContext> accessTokens;
    private DefaultJWTProcessor<SecurityContext> logoutTokens;

    /** A verified access token: whose, which Keycloak session, valid until when. */
    public record Access(String userId, String sessionId, Instant expiresAt) {
    }

    /** A verified logout token: the session that ended ({@code sessionId} null: every session of the user). */
    public record Logout(String userId, String sessionId) {
    }

    /** The token is not one of the realm's, or no longer valid. */
    public static class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message);
        }
    }

    @PostConstruct
    void init() {
        try {
            keys = realmKeys(keycloak.signingKeys().toURL(), keycloak.signingKeysRefreshSeconds() * 1000,
                    TIMEOUT_MILLIS, threads);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("keycloak.url is not a URL: " + keycloak.url(), e);
        }
        accessTokens = processor(keys, new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(keycloak.issuer()).build(), Set.of("sub", "exp", "iat"), Set.of()));
        logoutTokens = processor(keys, new DefaultJWTClaimsVerifier<>(logoutClients,
                new JWTClaimsSet.Builder().issuer(keycloak.issuer()).build(), Set.of("iat", "events"), Set.of("nonce")));
        // a logout token says "logout+jwt" in its header (RFC 8417 style); older Keycloaks send JWT or nothing
        logoutTokens.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("logout+jwt"), null));
    }

    @PreDestroy
    void close() {
        if (keys instanceof Closeable closeable) { // stops the refreshing thread
            try {
                closeable.close();
            } catch (IOException e) { // nothing left to do with it on the way out
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The realm's keys. A verification in the second half of their life starts a refresh on a
     * thread of its own: on Liberty's shared pool that refresh queued behind the very socket frames
     * waiting for the keys, came after their expiry under load, and frames were refused "the
     * realm's keys cannot be read right now" while Keycloak was merely slow. A verification after
     * the expiry waits for the refresh under way as long as that may take (two tries of a connect
     * and a read). Nothing is fetched while nothing is verified: idle sockets cost Keycloak nothing.
     */
    static JWKSource<SecurityContext> realmKeys(URL jwks, long timeToLiveMillis, int fetchTimeoutMillis,
                                                ThreadFactory threads) {
        long refreshAhead = timeToLiveMillis / 2;
        long waitForRefresh = Math.min(timeToLiveMillis - refreshAhead, 4L * fetchTimeoutMillis + 1_000);
        return JWKSourceBuilder.create(jwks, new DefaultResourceRetriever(fetchTimeoutMillis, fetchTimeoutMillis))
                .cache(timeToLiveMillis, waitForRefresh)
                // an unknown key id fetches the set again at most twice in this time (under the time-to-live, as Nimbus requires)
                .rateLimited(Math.min(30_000L, refreshAhead))
                .refreshAheadCache(refreshAhead, null, Executors.newSingleThreadExecutor(threads), true, null, false)
                .retrying(true)
                .outageTolerantForever() // Keycloak away: the keys it published last still verify
                .build();
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys,
                                                                  DefaultJWTClaimsVerifier<SecurityContext> claims) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    public Access access(String token) throws InvalidTokenException {
        JWTClaimsSet claims = verify(accessTokens, token);
        return new Access(claims.getSubject(), stringClaim(claims, "sid"), claims.getExpirationTime().toInstant());
    }

    /** OpenID Connect Back-Channel Logout 1.0, section 2.6: a logout token names a session or a user, and is no ID token. */
    public Logout logout(String token) throws InvalidTokenException {
        JWTClaimsSet claims = verify(logoutTokens, token);
        Object events = claims.getClaim("events");
        if (!(events instanceof Map<?, ?> map) || !map.containsKey(BACKCHANNEL_LOGOUT_EVENT)) {
            throw new InvalidTokenException("the events claim has no back-channel logout event");
        }
        String sid = stringClaim(claims, "sid");
        if (sid == null && claims.getSubject() == null) {
            throw new InvalidTokenException("a logout token names a session (sid) or a user (sub)");
        }
        return new Logout(claims.getSubject(), sid);
    }

    private static JWTClaimsSet verify(DefaultJWTProcessor<SecurityContext> processor, String token)
            throws InvalidTokenException {
        if (token == null || token.isBlank() || token.length() > 16_384) {
            throw new InvalidTokenException("no token");
        }
        try {
            return processor.process(token, null);
        } catch (BadJWTException e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (ParseException | BadJOSEException e) {
            throw new InvalidTokenException("not a token of this realm");
        } catch (JOSEException e) {
            throw new InvalidTokenException("the realm's keys cannot be read right now");
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }
}
