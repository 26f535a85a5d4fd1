package dev.blau.chat.live.control;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks Keycloak, with chat-app's own service account (it may only view users), whether a
 * user is still enabled and which of their sessions are still active.
 */
@ApplicationScoped
public class KeycloakSessions {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    @ConfigProperty(name = "keycloak.url")
    String keycloakUrl;

    @Inject
    @ConfigProperty(name = "keycloak.realm")
    String realm;

    @Inject
    @ConfigProperty(name = "keycloak.chat-app.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "keycloak.chat-app.client-secret")
    String clientSecret;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private String serviceToken;
    private Instant serviceTokenExpires = Instant.EPOCH;

    /**
     * The user's active session ids: empty when the user is disabled or deleted; no answer
     * at all when Keycloak cannot be asked (then nobody is disconnected for it).
     */
    public Set<String> activeSessions(String userId) throws IOException, InterruptedException {
        String base = keycloakUrl + "/admin/realms/" + realm + "/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8);
        HttpResponse<String> user = get(base);
        if (user.statusCode() == 404) {
            return Set.of();
        }
        if (user.statusCode() != 200) {
            throw new IOException("Keycloak answered " + user.statusCode() + " for a user");
        }
        if (!json(user.body()).asJsonObject().getBoolean("enabled", true)) {
            return Set.of();
        }
        HttpResponse<String> sessions = get(base + "/sessions");
        if (sessions.statusCode() != 200) {
            throw new IOException("Keycloak answered " + sessions.statusCode() + " for a user's sessions");
        }
        Set<String> ids = new HashSet<>();
        for (JsonValue session : json(sessions.body()).asJsonArray()) {
            ids.add(session.asJsonObject().getString("id"));
        }
        return ids;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + serviceToken()).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private synchronized String serviceToken() throws IOException, InterruptedException {
        if (serviceToken != null && Instant.now().isBefore(serviceTokenExpires)) {
            return serviceToken;
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + realm
                        + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("chat-app's service account was refused a token (" + response.statusCode() + ")");
        }
        JsonObject token = json(response.body()).asJsonObject();
        serviceToken = token.getString("access_token");
        serviceTokenExpires = Instant.now().plusSeconds(Math.max(10, token.getInt("expires_in", 60) - 10));
        return serviceToken;
    }

    private static JsonValue json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        }
    }
}
