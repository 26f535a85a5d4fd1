package dev.blau.auth.keycloak.control;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import dev.blau.common.json.JsonProcessing;
import dev.blau.common.security.KeycloakRealm;

/**
 * auth-app's only door to Keycloak: the token endpoint (as the confidential client
 * {@code blau-auth-app}, the one client allowed the password grant) and the admin REST API
 * (as that client's service account), through the MicroProfile Rest Clients {@link KeycloakTokenEndpoint}
 * and {@link KeycloakAdminApi}. Every call has short timeouts; an unreachable Keycloak or a 5xx
 * becomes {@link KeycloakUnavailableException}. Nothing here logs a password or a token.
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
    KeycloakRealm keycloak;

    @Inject
    @ConfigProperty(name = "keycloak.auth-app.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "keycloak.auth-app.client-secret")
    String clientSecret;

    private KeycloakTokenEndpoint tokenEndpoint;
    private KeycloakTokenEndpoint refreshEndpoint;
    private KeycloakAdminApi adminApi;

    private volatile ServiceToken serviceToken;

    private record ServiceToken(String value, Instant renewAt) {
    }

    @PostConstruct
    void connect() {
        URI openIdConnect = keycloak.endpoint("/protocol/openid-connect");
        tokenEndpoint = client(KeycloakTokenEndpoint.class, openIdConnect, TIMEOUT).build(KeycloakTokenEndpoint.class);
        refreshEndpoint = client(KeycloakTokenEndpoint.class, openIdConnect, REFRESH_TIMEOUT).build(KeycloakTokenEndpoint.class);
        adminApi = client(KeycloakAdminApi.class, keycloak.admin(""), TIMEOUT)
                .register(new ServiceAccountToken(this::serviceAccountToken))
                .build(KeycloakAdminApi.class);
    }

    private static RestClientBuilder client(Class<?> api, URI base, Duration readTimeout) {
        return RestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(3, TimeUnit.SECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                // a 4xx is an answer each method reads (a wrong password, a taken username, no such user)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(KeycloakServerErrors.class);
    }

    // ---- token endpoint --------------------------------------------------------------------

    /**
     * Without {@code scope=openid}: BLAU uses the access and refresh tokens only, and an ID token
     * would be one more token to sign on every sign-in and every renewal (the session stays
     * in the access token's {@code sid}).
     */
    public TokenSet passwordGrant(String username, String password) {
        return tokens(tokenEndpoint, new Form("grant_type", "password").param("username", username).param("password", password));
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
                tokens(refreshEndpoint, new Form("grant_type", "refresh_token").param("refresh_token", refreshToken)));
    }

    /** Ends the session of the refresh token at Keycloak; an already dead token is not an error. */
    public void logout(String refreshToken) {
        // a 4xx is a token Keycloak no longer knows; a 5xx is thrown by KeycloakServerErrors
        call(() -> tokenEndpoint.logout(clientCredentials(new Form("refresh_token", refreshToken)))).close();
    }

    private TokenSet tokens(KeycloakTokenEndpoint endpoint, Form grant) {
        try (Response response = call(() -> endpoint.token(clientCredentials(grant)))) {
            if (response.getStatus() == 200) {
                JsonObject json = json(response);
                return new TokenSet(json.getString("access_token"), json.getString("refresh_token"),
                        json.getJsonNumber("expires_in").longValue(),
                        json.getJsonNumber("refresh_expires_in").longValue(), "Bearer");
            }
            if (response.getStatus() == 401 && !isJson(response)) {
                // Keycloak's "Deny access" answers with its error page, not an OAuth error; in BLAU's
                // realm the password grant's flow denies only accounts that need a second factor
                // ("blau direct grant" in keycloak/blau-realm.json), and only after a right password
                throw new SecondFactorRequiredException();
            }
            if (response.getStatus() == 400 || response.getStatus() == 401) {
                JsonObject error = json(response);
                if ("invalid_grant".equals(error.getString("error", ""))) {
                    throw new InvalidGrantException(error.getString("error_description", "invalid grant"));
                }
            }
            throw unexpected(response, "a token request");
        }
    }

    private Form clientCredentials(Form form) {
        return form.param("client_id", clientId).param("client_secret", clientSecret);
    }

    // the header as sent: a media type the client library fills in for a body without one would match anything
    private static boolean isJson(Response response) {
        String type = response.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return type != null && type.startsWith(MediaType.APPLICATION_JSON);
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
        try (Response response = admin(api -> api.createUser(user))) {
            switch (response.getStatus()) {
                case 201 -> {
                    URI location = response.getLocation();
                    if (location == null) {
                        throw new KeycloakUnavailableException("user created without a Location", null);
                    }
                    String path = location.getPath();
                    return path.substring(path.lastIndexOf('/') + 1);
                }
                case 409 -> {
                    String message = json(response).getString("errorMessage", "");
                    boolean emailTaken = message.toLowerCase().contains("email");
                    throw new UserRejectedException(emailTaken ? "email" : "username",
                            emailTaken ? "This email address is already registered." : "This username is taken.", true);
                }
                case 400 -> {
                    JsonObject error = json(response);
                    String code = error.getString("error", "");
                    String description = error.getString("error_description", error.getString("errorMessage", code));
                    if (code.startsWith("invalidPassword") || description.startsWith("Invalid password")) {
                        throw new UserRejectedException("password", passwordMessage(description), false);
                    }
                    throw new UserRejectedException(fieldOf(description), description, false);
                }
                default -> throw unexpected(response, "creating a user");
            }
        }
    }

    public void deleteUser(String id) {
        if (namesNoUser(id)) {
            return;
        }
        try (Response response = admin(api -> api.deleteUser(id))) {
            if (response.getStatus() != 204 && response.getStatus() != 404) {
                throw unexpected(response, "deleting a user");
            }
        }
    }

    /** The user with this id, or empty when Keycloak has none. */
    public Optional<UserAccount> user(String id) {
        if (namesNoUser(id)) {
            return Optional.empty();
        }
        try (Response response = admin(api -> api.user(id))) {
            if (response.getStatus() == 404) {
                return Optional.empty();
            }
            JsonObject user = json(expect(200, response, "reading a user"));
            return Optional.of(new UserAccount(user.getString("id", id), user.getString("username", ""),
                    user.getBoolean("enabled", false)));
        }
    }

    /**
     * Enables or disables the user (a disabled user gets no new tokens); false when Keycloak
     * has no such user. Only {@code enabled} is sent: Keycloak keeps every other field.
     */
    public boolean setEnabled(String id, boolean enabled) {
        if (namesNoUser(id)) {
            return false;
        }
        JsonObject fields = JsonProcessing.PROVIDER.createObjectBuilder().add("enabled", enabled).build();
        try (Response response = admin(api -> api.updateUser(id, fields))) {
            return switch (response.getStatus()) {
                case 204 -> true;
                case 404 -> false;
                default -> throw unexpected(response, "enabling or disabling a user");
            };
        }
    }

    /** Ends every Keycloak session of the user: their refresh tokens stop working at once. */
    public void endSessions(String id) {
        if (namesNoUser(id)) {
            return;
        }
        try (Response response = admin(api -> api.endSessions(id))) {
            if (response.getStatus() != 204 && response.getStatus() != 404) {
                throw unexpected(response, "ending a user's sessions");
            }
        }
    }

    /** A page of users whose username, email or name contains {@code search} (all users without one). */
    public List<UserListing> users(String search, int first, int max) {
        String query = search == null || search.isBlank() ? null : search;
        try (Response response = admin(api -> api.users(true, first, max, query))) {
            List<UserListing> users = new ArrayList<>();
            for (JsonObject user : jsonArray(expect(200, response, "listing users")).getValuesAs(JsonObject.class)) {
                users.add(new UserListing(user.getString("id"), user.getString("username", ""),
                        user.getString("email", null), user.getBoolean("enabled", false),
                        user.containsKey("createdTimestamp")
                                ? Instant.ofEpochMilli(user.getJsonNumber("createdTimestamp").longValue()) : null));
            }
            return users;
        }
    }

    /**
     * When the user's Keycloak session {@code sessionId} began — when they typed their
     * credentials; refreshing tokens does not move it — or empty when it has ended.
     */
    public Optional<Instant> sessionStart(String userId, String sessionId) {
        if (namesNoUser(userId)) {
            return Optional.empty();
        }
        try (Response response = admin(api -> api.sessions(userId))) {
            if (response.getStatus() == 404) {
                return Optional.empty();
            }
            return jsonArray(expect(200, response, "reading a user's sessions")).getValuesAs(JsonObject.class).stream()
                    .filter(session -> sessionId.equals(session.getString("id", null)) && session.containsKey("start"))
                    .map(session -> Instant.ofEpochMilli(session.getJsonNumber("start").longValue()))
                    .findFirst();
        }
    }

    /** The realm roles the user holds directly. */
    public Set<String> realmRoles(String userId) {
        Set<String> roles = new TreeSet<>();
        if (namesNoUser(userId)) {
            return roles;
        }
        roleMappings(api -> api.realmRoles(userId)).forEach(role -> roles.add(role.getString("name", "")));
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
        List<JsonObject> held = roleMappings(api -> api.realmRoles(userId));
        boolean holds = held.stream().anyMatch(r -> role.equals(r.getString("name", "")));
        if (on == holds) {
            return RoleChange.DONE;
        }
        Optional<JsonObject> representation = (on ? roleMappings(api -> api.availableRealmRoles(userId)) : held).stream()
                .filter(r -> role.equals(r.getString("name", ""))).findFirst();
        if (representation.isEmpty()) {
            return RoleChange.NOT_ALLOWED;
        }
        JsonArray roles = JsonProcessing.PROVIDER.createArrayBuilder().add(JsonProcessing.PROVIDER.createObjectBuilder()
                .add("id", representation.get().getString("id")).add("name", role)).build();
        try (Response response = admin(api -> on ? api.addRealmRoles(userId, roles) : api.removeRealmRoles(userId, roles))) {
            return switch (response.getStatus()) {
                case 204 -> RoleChange.DONE;
                case 404 -> RoleChange.NO_USER;
                case 403 -> RoleChange.NOT_ALLOWED;
                default -> throw unexpected(response, "mapping a realm role");
            };
        }
    }

    private List<JsonObject> roleMappings(Function<KeycloakAdminApi, Response> call) {
        try (Response response = admin(call)) {
            return jsonArray(expect(200, response, "reading role mappings")).getValuesAs(JsonObject.class);
        }
    }

    private Response admin(Function<KeycloakAdminApi, Response> call) {
        Response response = call(() -> call.apply(adminApi));
        if (response.getStatus() == 401) {
            response.close();
            serviceToken = null; // revoked or expired early: one fresh try
            response = call(() -> call.apply(adminApi));
        }
        return response;
    }

    /** The service account's access token, reused until shortly before it expires. */
    private String serviceAccountToken() {
        ServiceToken current = serviceToken;
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return current.value();
        }
        try (Response response = call(() -> tokenEndpoint.token(clientCredentials(new Form("grant_type", "client_credentials"))))) {
            JsonObject json = json(expect(200, response, "the service account's token request"));
            long lifetime = json.getJsonNumber("expires_in").longValue();
            ServiceToken fresh = new ServiceToken(json.getString("access_token"),
                    Instant.now().plusSeconds(Math.max(5, lifetime - 30)));
            serviceToken = fresh;
            return fresh.value();
        }
    }

    // ---- plumbing --------------------------------------------------------------------------

    /**
     * An id that could step out of its path segment of the admin API ({@code ..}, a slash) names no
     * user, whatever the client library escapes: it never reaches Keycloak with the service
     * account's rights. Keycloak's own ids (UUIDs, federated {@code f:…:…}) have none of these.
     */
    static boolean namesNoUser(String id) {
        return id == null || id.isBlank() || id.equals(".") || id.equals("..")
                || id.chars().anyMatch(c -> c == '/' || c == '\\' || c == '?' || c == '#' || c == '%' || c < 0x20);
    }

    /** A call without an answer (refused, unreachable, timed out) is Keycloak being away. */
    private Response call(Supplier<Response> call) {
        try {
            return call.get();
        } catch (ProcessingException e) {
            if (e.getCause() instanceof KeycloakUnavailableException away) {
                throw away; // the service account's token could not be had
            }
            throw new KeycloakUnavailableException("Keycloak unreachable at " + keycloak.url(), e);
        }
    }

    private static Response expect(int status, Response response, String call) {
        if (response.getStatus() != status) {
            throw unexpected(response, call);
        }
        return response;
    }

    private static KeycloakUnavailableException unexpected(Response response, String call) {
        // the status only: bodies of token responses may hold secrets
        return new KeycloakUnavailableException("Keycloak answered HTTP " + response.getStatus() + " to " + call, null);
    }

    /** The body as a JSON object; an empty object for no body or not JSON (an answer the caller then reads as such). */
    private static JsonObject json(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(body == null || body.isBlank() ? "{}" : body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static JsonArray jsonArray(Response response) {
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(response.readEntity(String.class)))) {
            return reader.readArray();
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
