package dev.blau.auth.keycloak.control;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.blau.common.json.JsonProcessing;

/**
 * auth-app's only door to Keycloak: the token endpoint (as the confidential client
 * {@code blau-auth-app}, the one client allowed the password grant) and the admin REST API
 * (as that client's service account). Every call has short timeouts; an unreachable Keycloak
 * or a 5xx becomes {@link KeycloakUnavailableException}. Nothing here logs a password or a token.
 * <p>
 * Guarded on every call (MicroProfile Fault Tolerance, per method): a timeout above the HTTP
 * client's own; a circuit breaker that, once half of the last calls found Keycloak away, answers
 * at once for {@value #PAUSE_SECONDS} s without trying ({@code CircuitBreakerOpenException}, a
 * {@code 503} like an outage) instead of holding a request thread per attempt; a bulkhead so a
 * slow Keycloak holds at most {@value #CONCURRENT_CALLS} request threads. Token refresh, the one
 * call every signed-in client makes, is guarded its own way (see {@link #refresh}). A wrong password or a
 * taken username is an answer, not a failure: only {@link KeycloakUnavailableException} and
 * timeouts count against the breaker.
 */
@ApplicationScoped
@Timeout(value = 8, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = KeycloakClient.PAUSE_SECONDS,
        delayUnit = ChronoUnit.SECONDS, successThreshold = 1,
        failOn = {KeycloakUnavailableException.class, TimeoutException.class})
@Bulkhead(KeycloakClient.CONCURRENT_CALLS)
public class KeycloakClient {

    /** How long an open breaker answers without trying Keycloak; also the clients' Retry-After. */
    public static final long PAUSE_SECONDS = 10;
    static final int CONCURRENT_CALLS = 20;
    /** Refreshes waiting for one of the {@value #CONCURRENT_CALLS} calls, rather than refused. */
    static final int REFRESHES_WAITING = 2_000;

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * Keycloak spends a refresh token when it handles the request, answered or not: a refresh
     * given up on by the client side is a session lost. So its answer is awaited far longer.
     */
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(25);

    @Inject
    @ConfigProperty(name = "keycloak.url")
    String keycloakUrl;

    @Inject
    @ConfigProperty(name = "keycloak.realm")
    String realm;

    @Inject
    @ConfigProperty(name = "keycloak.auth-app.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "keycloak.auth-app.client-secret")
    String clientSecret;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private volatile ServiceToken serviceToken;

    private record ServiceToken(String value, Instant renewAt) {
    }

    // ---- token endpoint --------------------------------------------------------------------

    /**
     * Without {@code scope=openid}: BLAU uses the access and refresh tokens only, and an ID token
     * would be one more token to sign on every sign-in and every renewal (the session stays
     * in the access token's {@code sid}).
     */
    public TokenSet passwordGrant(String username, String password) {
        return tokens(form("grant_type", "password", "username", username, "password", password));
    }

    /**
     * New tokens for a refresh token, asked on a thread of the bulkhead's: a crowd of renewals
     * while Keycloak is slow waits its turn (up to {@value #REFRESHES_WAITING} of them) instead of
     * being refused at once, and no request thread waits with it.
     */
    @Asynchronous
    @Bulkhead(value = CONCURRENT_CALLS, waitingTaskQueue = REFRESHES_WAITING)
    // an interrupted refresh may have spent its token: the HTTP timeout, not this one, ends a call that
    // started, and this one only drops a refresh that waited in the queue for so long it never started
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    // slowness is not absence: only an unreachable Keycloak (or an HTTP timeout) opens this method's breaker
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = KeycloakClient.PAUSE_SECONDS,
            delayUnit = ChronoUnit.SECONDS, successThreshold = 1, failOn = KeycloakUnavailableException.class)
    public CompletionStage<TokenSet> refresh(String refreshToken) {
        return CompletableFuture.completedFuture(
                tokens(form("grant_type", "refresh_token", "refresh_token", refreshToken), REFRESH_TIMEOUT));
    }

    /** Ends the session of the refresh token at Keycloak; an already dead token is not an error. */
    public void logout(String refreshToken) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(realmUri("/protocol/openid-connect/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(formBody(form("client_id", clientId, "client_secret", clientSecret,
                        "refresh_token", refreshToken))));
        if (response.statusCode() >= 500) {
            throw unavailable(response);
        }
    }

    private TokenSet tokens(Map<String, String> grant) {
        return tokens(grant, TIMEOUT);
    }

    private TokenSet tokens(Map<String, String> grant, Duration timeout) {
        Map<String, String> body = new LinkedHashMap<>(grant);
        body.put("client_id", clientId);
        body.put("client_secret", clientSecret);
        HttpResponse<String> response = send(HttpRequest.newBuilder(realmUri("/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(formBody(body)), timeout);
        if (response.statusCode() == 200) {
            JsonObject json = json(response.body());
            return new TokenSet(json.getString("access_token"), json.getString("refresh_token"),
                    json.getJsonNumber("expires_in").longValue(),
                    json.getJsonNumber("refresh_expires_in").longValue(), "Bearer");
        }
        if (response.statusCode() == 401 && !isJson(response)) {
            // Keycloak's "Deny access" answers with its error page, not an OAuth error; in BLAU's
            // realm the password grant's flow denies only accounts that need a second factor
            // ("blau direct grant" in keycloak/blau-realm.json), and only after a right password
            throw new SecondFactorRequiredException();
        }
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            JsonObject error = json(response.body());
            if ("invalid_grant".equals(error.getString("error", ""))) {
                throw new InvalidGrantException(error.getString("error_description", "invalid grant"));
            }
        }
        throw unavailable(response);
    }

    private static boolean isJson(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").map(type -> type.startsWith("application/json")).orElse(false);
    }

    // ---- admin API -------------------------------------------------------------------------

    /** Creates an enabled user with a password; returns Keycloak's id (the tokens' subject). */
    public String createUser(String username, String email, String password) {
        JsonObject user = JsonProcessing.PROVIDER.createObjectBuilder()
                .add("username", username)
                .add("email", email)
                .add("enabled", true)
                .add("credentials", JsonProcessing.PROVIDER.createArrayBuilder().add(JsonProcessing.PROVIDER.createObjectBuilder()
                        .add("type", "password").add("value", password).add("temporary", false)))
                .build();
        HttpResponse<String> response = admin(HttpRequest.newBuilder(adminUri("/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user.toString())));
        switch (response.statusCode()) {
            case 201 -> {
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new KeycloakUnavailableException("user created without a Location", null));
                return location.substring(location.lastIndexOf('/') + 1);
            }
            case 409 -> {
                String message = json(response.body()).getString("errorMessage", "");
                boolean emailTaken = message.toLowerCase().contains("email");
                throw new UserRejectedException(emailTaken ? "email" : "username",
                        emailTaken ? "This email address is already registered." : "This username is taken.", true);
            }
            case 400 -> {
                JsonObject error = json(response.body());
                String code = error.getString("error", "");
                String description = error.getString("error_description", error.getString("errorMessage", code));
                if (code.startsWith("invalidPassword") || description.startsWith("Invalid password")) {
                    throw new UserRejectedException("password", passwordMessage(description), false);
                }
                throw new UserRejectedException(fieldOf(description), description, false);
            }
            default -> throw unavailable(response);
        }
    }

    public void deleteUser(String id) {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(adminUri("/users/" + encode(id))).DELETE());
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw unavailable(response);
        }
    }

    /** The user with this id, or empty when Keycloak has none. */
    public Optional<UserAccount> user(String id) {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(adminUri("/users/" + pathSegment(id))).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw unavailable(response);
        }
        JsonObject user = json(response.body());
        return Optional.of(new UserAccount(user.getString("id", id), user.getString("username", ""),
                user.getBoolean("enabled", false)));
    }

    /**
     * Enables or disables the user (a disabled user gets no new tokens); false when Keycloak
     * has no such user. Only {@code enabled} is sent: Keycloak keeps every other field.
     */
    public boolean setEnabled(String id, boolean enabled) {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(adminUri("/users/" + pathSegment(id)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        JsonProcessing.PROVIDER.createObjectBuilder().add("enabled", enabled).build().toString())));
        return switch (response.statusCode()) {
            case 204 -> true;
            case 404 -> false;
            default -> throw unavailable(response);
        };
    }

    /** Ends every Keycloak session of the user: their refresh tokens stop working at once. */
    public void endSessions(String id) {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(adminUri("/users/" + pathSegment(id) + "/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw unavailable(response);
        }
    }

    /** A page of users whose username, email or name contains {@code search} (all users without one). */
    public List<UserListing> users(String search, int first, int max) {
        StringBuilder query = new StringBuilder("/users?briefRepresentation=true&first=").append(first).append("&max=").append(max);
        if (search != null && !search.isBlank()) {
            query.append("&search=").append(encode(search));
        }
        HttpResponse<String> response = admin(HttpRequest.newBuilder(adminUri(query.toString())).GET());
        if (response.statusCode() != 200) {
            throw unavailable(response);
        }
        List<UserListing> users = new ArrayList<>();
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(response.body()))) {
            for (JsonValue value : reader.readArray()) {
                JsonObject user = value.asJsonObject();
                users.add(new UserListing(user.getString("id"), user.getString("username", ""),
                        user.getString("email", null), user.getBoolean("enabled", false),
                        user.containsKey("createdTimestamp")
                                ? Instant.ofEpochMilli(user.getJsonNumber("createdTimestamp").longValue()) : null));
            }
        }
        return users;
    }

    /**
     * When the user's Keycloak session {@code sessionId} began — when they typed their
     * credentials; refreshing tokens does not move it — or empty when it has ended.
     */
    public Optional<Instant> sessionStart(String userId, String sessionId) {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(
                adminUri("/users/" + pathSegment(userId) + "/sessions")).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw unavailable(response);
        }
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(response.body()))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .filter(session -> sessionId.equals(session.getString("id", null)) && session.containsKey("start"))
                    .map(session -> Instant.ofEpochMilli(session.getJsonNumber("start").longValue()))
                    .findFirst();
        }
    }

    /** The realm roles the user holds directly. */
    public Set<String> realmRoles(String userId) {
        Set<String> roles = new TreeSet<>();
        roleMappings(userId, "").forEach(role -> roles.add(role.getString("name", "")));
        return roles;
    }

    /** How a grant or a revocation went. */
    public enum RoleChange { DONE, NO_USER, NOT_ALLOWED }

    /**
     * Grants ({@code on}) or revokes a realm role. Keycloak lets this client's service account map
     * the role {@code moderator} only (deploy/keycloak/configure-realm.sh), and not even read the
     * realm's roles: a role to grant is found among those Keycloak says it may map to this user
     * ({@code available}), one to revoke among those the user holds. Granting a role held, or
     * revoking one not held, changes nothing.
     */
    public RoleChange mapRealmRole(String userId, String role, boolean on) {
        if (user(userId).isEmpty()) {
            return RoleChange.NO_USER;
        }
        List<JsonObject> held = roleMappings(userId, "");
        boolean holds = held.stream().anyMatch(r -> role.equals(r.getString("name", "")));
        if (on == holds) {
            return RoleChange.DONE;
        }
        Optional<JsonObject> representation = (on ? roleMappings(userId, "/available") : held).stream()
                .filter(r -> role.equals(r.getString("name", ""))).findFirst();
        if (representation.isEmpty()) {
            return RoleChange.NOT_ALLOWED;
        }
        String body = JsonProcessing.PROVIDER.createArrayBuilder().add(JsonProcessing.PROVIDER.createObjectBuilder()
                .add("id", representation.get().getString("id")).add("name", role)).build().toString();
        HttpResponse<String> response = admin(HttpRequest.newBuilder(
                        adminUri("/users/" + pathSegment(userId) + "/role-mappings/realm"))
                .header("Content-Type", "application/json")
                .method(on ? "POST" : "DELETE", HttpRequest.BodyPublishers.ofString(body)));
        return switch (response.statusCode()) {
            case 204 -> RoleChange.DONE;
            case 404 -> RoleChange.NO_USER;
            case 403 -> RoleChange.NOT_ALLOWED;
            default -> throw unavailable(response);
        };
    }

    // the user's realm role mappings ("") or the realm roles this client may still map to them ("/available")
    private List<JsonObject> roleMappings(String userId, String which) {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(
                adminUri("/users/" + pathSegment(userId) + "/role-mappings/realm" + which)).GET());
        if (response.statusCode() != 200) {
            throw unavailable(response);
        }
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(response.body()))) {
            return reader.readArray().getValuesAs(JsonObject.class);
        }
    }

    private HttpResponse<String> admin(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request.setHeader("Authorization", "Bearer " + serviceAccountToken()));
        if (response.statusCode() == 401) {
            serviceToken = null; // revoked or expired early: one fresh try
            response = send(request.setHeader("Authorization", "Bearer " + serviceAccountToken()));
        }
        return response;
    }

    /** The service account's access token, reused until shortly before it expires. */
    private String serviceAccountToken() {
        ServiceToken current = serviceToken;
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return current.value();
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(realmUri("/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(formBody(form("grant_type", "client_credentials", "client_id", clientId,
                        "client_secret", clientSecret))));
        if (response.statusCode() != 200) {
            throw unavailable(response);
        }
        JsonObject json = json(response.body());
        long lifetime = json.getJsonNumber("expires_in").longValue();
        ServiceToken fresh = new ServiceToken(json.getString("access_token"),
                Instant.now().plusSeconds(Math.max(5, lifetime - 30)));
        serviceToken = fresh;
        return fresh.value();
    }

    // ---- plumbing --------------------------------------------------------------------------

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KeycloakUnavailableException("Keycloak unreachable at " + keycloakUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakUnavailableException("interrupted while calling Keycloak", e);
        }
    }

    private KeycloakUnavailableException unavailable(HttpResponse<String> response) {
        // the status and path only: bodies of token responses may hold secrets
        return new KeycloakUnavailableException("Keycloak answered HTTP " + response.statusCode()
                + " to " + response.request().method() + " " + response.request().uri().getPath(), null);
    }

    private URI realmUri(String path) {
        return URI.create(keycloakUrl + "/realms/" + encode(realm) + path);
    }

    private URI adminUri(String path) {
        return URI.create(keycloakUrl + "/admin/realms/" + encode(realm) + path);
    }

    private static Map<String, String> form(String... keysAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return form;
    }

    private static HttpRequest.BodyPublisher formBody(Map<String, String> form) {
        return HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One path segment: unlike a form value, a space is {@code %20}, never {@code +}. */
    static String pathSegment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static JsonObject json(String body) {
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(body == null || body.isBlank() ? "{}" : body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** Keycloak's "Invalid password: minimum length 8." reads better without its prefix. */
    static String passwordMessage(String description) {
        String message = description.replaceFirst("^Invalid password:\\s*", "");
        return message.isEmpty() ? "The password does not meet the password policy." : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    private static String fieldOf(String description) {
        String lower = description.toLowerCase();
        if (lower.contains("email")) {
            return "email";
        }
        return lower.contains("username") ? "username" : "body";
    }
}
