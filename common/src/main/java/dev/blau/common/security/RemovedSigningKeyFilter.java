package dev.blau.common.security;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;


import dev.blau.common.json.JsonProcessing;
import dev.blau.common.problem.Problem;

/**
 * Refuses a bearer token signed by a key the realm no longer publishes. The runtime's token
 * check keeps the keys it fetched until a token names a key it does not know, so a key removed
 * after a leak would verify tokens until a restart; this check reads the published key ids
 * (see {@link SigningKeyIds}) and answers {@code 401 invalid-token} for any other.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class RemovedSigningKeyFilter implements ContainerRequestFilter {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    KeycloakRealm keycloak;

    @Resource
    ManagedExecutorService executor;

    private SigningKeyIds keys;

    @PostConstruct
    void init() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        URI certs = keycloak.signingKeys();
        keys = new SigningKeyIds(() -> published(http, certs), System::nanoTime, executor,
                TimeUnit.SECONDS.toNanos(keycloak.signingKeysRefreshSeconds()));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        String kid = keyIdOf(authorization.substring(7).trim());
        if (kid != null && !keys.published(kid)) {
            request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "invalid-token",
                            "The token is signed by a key the identity provider no longer publishes. Sign in again.")
                    .toResponse().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build());
        }
    }

    /** The {@code kid} of a compact JWS; null when there is none or the token cannot be read (then the runtime refused it). */
    static String keyIdOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8)))) {
            JsonObject header = reader.readObject();
            return header.get("kid") instanceof JsonString kid ? kid.getString() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static Set<String> published(HttpClient http, URI certs) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(certs).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("JWKS answered " + answer.statusCode());
            }
            try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(answer.body()))) {
                return reader.readObject().getJsonArray("keys").stream()
                        .map(key -> key.asJsonObject().getString("kid", null))
                        .filter(java.util.Objects::nonNull)
                        .collect(Collectors.toSet());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("JWKS not read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
