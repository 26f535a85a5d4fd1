package it.dev.blau.ear;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/**
 * Administrators disable and enable users through BLAU ({@code /api/v1/admin/users/{id}/...}):
 * a disabled user cannot sign in and every session of theirs is over, an enabled one signs in
 * again, only the role {@code admin} may do it, and the rest of the system hears of it on Kafka.
 */
class AdminUsersIT {

    static final String TOPIC = "blau.user-events";

    static final Api API = Api.underTest();
    static final Chat CHAT = new Chat(API);
    static final KeycloakAdmin KEYCLOAK = KeycloakAdmin.ofLocalStack();

    static ChatUser admin;

    @BeforeAll
    static void anAdministrator() {
        ChatUser user = CHAT.newUser("adm");
        KEYCLOAK.grantRealmRole(user.id(), "admin");
        // the token the user had carries the roles of then: sign in again
        admin = new ChatUser(user.id(), user.username(), new Users(API).accessToken(user.username()));
    }

    @Test
    void aDisabledUserCannotSignInAndTheirRefreshTokenIsRefused() {
        ChatUser bob = CHAT.newUser("dis");
        String refreshToken = login(bob).json().getString("refreshToken");

        Api.Answer disabled = call("disable", bob.id(), admin.token());

        assertEquals(204, disabled.status(), disabled::toString);
        assertEquals(false, KEYCLOAK.user(bob.id()).getBoolean("enabled"));
        Api.Answer signIn = login(bob);
        assertEquals(403, signIn.status(), signIn::toString);
        assertProblem(signIn, "account-disabled");
        Api.Answer refresh = API.post("/api/v1/auth/refresh", Users.refreshToken(refreshToken));
        assertEquals(401, refresh.status(), refresh::toString);
        assertProblem(refresh, "invalid-refresh-token");
        assertEquals(0, KEYCLOAK.sessions(bob.id()).size(), "every Keycloak session of the user is ended");
    }

    @Test
    void disablingTwiceIsStill204AndTheUserStaysDisabled() {
        ChatUser bob = CHAT.newUser("twice");

        Api.Answer first = call("disable", bob.id(), admin.token());
        Api.Answer second = call("disable", bob.id(), admin.token());

        assertEquals(204, first.status(), first::toString);
        assertEquals(204, second.status(), second::toString);
        assertEquals(403, login(bob).status());
    }

    @Test
    void anEnabledUserSignsInAgainButTheSessionsDisablingEndedStayEnded() {
        ChatUser bob = CHAT.newUser("ena");
        String refreshTokenFromBefore = login(bob).json().getString("refreshToken");
        assertEquals(204, call("disable", bob.id(), admin.token()).status());

        Api.Answer enabled = call("enable", bob.id(), admin.token());

        assertEquals(204, enabled.status(), enabled::toString);
        assertEquals(true, KEYCLOAK.user(bob.id()).getBoolean("enabled"));
        Api.Answer signIn = login(bob);
        assertEquals(200, signIn.status(), signIn::toString);
        assertEquals(200, API.send("GET", "/api/v1/auth/profile", signIn.json().getString("accessToken"), null).status());
        Api.Answer oldRefresh = API.post("/api/v1/auth/refresh", Users.refreshToken(refreshTokenFromBefore));
        assertEquals(401, oldRefresh.status(), "a session ended by disabling does not come back: " + oldRefresh);
    }

    @Test
    void aUserWithoutTheAdminRoleIs403AndNothingChanges() {
        ChatUser mallory = CHAT.newUser("nadm");
        ChatUser bob = CHAT.newUser("victim");

        Api.Answer disable = call("disable", bob.id(), mallory.token());
        Api.Answer enable = call("enable", bob.id(), mallory.token());

        assertEquals(403, disable.status(), disable::toString);
        assertEquals(403, enable.status(), enable::toString);
        assertEquals(true, KEYCLOAK.user(bob.id()).getBoolean("enabled"));
        assertEquals(200, login(bob).status());
    }

    @Test
    void noTokenOrABadTokenIs401() {
        ChatUser bob = CHAT.newUser("anon");

        for (String action : List.of("disable", "enable")) {
            Api.Answer noToken = call(action, bob.id(), null);
            Api.Answer badToken = call(action, bob.id(), "not-a-token");

            assertEquals(401, noToken.status(), () -> action + " " + noToken);
            assertEquals(401, badToken.status(), () -> action + " " + badToken);
        }
        assertEquals(true, KEYCLOAK.user(bob.id()).getBoolean("enabled"));
    }

    @Test
    void anUnknownUserIs404() {
        String nobody = UUID.randomUUID().toString();

        for (String action : List.of("disable", "enable")) {
            Api.Answer answer = call(action, nobody, admin.token());

            assertEquals(404, answer.status(), () -> action + " " + answer);
            assertProblem(answer, "user-not-found");
        }
    }

    @Test
    void anAdministratorCannotDisableThemselves() {
        Api.Answer answer = call("disable", admin.id(), admin.token());

        assertEquals(409, answer.status(), answer::toString);
        assertProblem(answer, "cannot-disable-self");
        assertEquals(true, KEYCLOAK.user(admin.id()).getBoolean("enabled"));
        assertEquals(200, login(admin).status());
    }

    @Test
    void disablingAndEnablingArePublishedOnTheUserEventsTopic() {
        ChatUser bob = CHAT.newUser("evtdis");
        try (KafkaConsumer<String, String> consumer = userEvents()) {
            assertEquals(204, call("disable", bob.id(), admin.token()).status());
            assertEquals(204, call("enable", bob.id(), admin.token()).status());

            List<JsonObject> events = new CopyOnWriteArrayList<>();
            JsonObject disabled = awaitEvent(consumer, events, "user.disabled", bob.username());
            JsonObject enabled = awaitEvent(consumer, events, "user.enabled", bob.username());
            JsonObject registered = awaitEvent(consumer, events, "user.registered", bob.username());

            assertEquals(bob.id(), disabled.getString("userId"));
            assertEquals(bob.id(), enabled.getString("userId"));
            assertEquals(Set.of("eventId", "type", "time", "userId", "username"), disabled.keySet());
            assertEquals(registered.keySet(), enabled.keySet());
            assertTrue(!Instant.parse(disabled.getString("time")).isAfter(Instant.parse(enabled.getString("time"))),
                    "disabled, then enabled");
        }
    }

    @Test
    void administratorsFindUsersWithTheirRolesAndGrantAndRevokeModerator() {
        ChatUser bob = CHAT.newUser("mod");

        List<JsonObject> found = listUsers("?q=" + bob.username(), admin.token());
        assertEquals(1, found.size(), found::toString);
        assertEquals(bob.id(), found.get(0).getString("id"));
        assertEquals(true, found.get(0).getBoolean("enabled"));
        assertEquals(List.of(), found.get(0).getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class));

        Api.Answer granted = API.send("PUT", "/api/v1/admin/users/" + bob.id() + "/roles/moderator", admin.token(), null);
        assertEquals(204, granted.status(), granted::toString);
        assertTrue(KEYCLOAK.realmRoles(bob.id()).contains("moderator"));
        assertEquals("moderator", listUsers("?q=" + bob.username(), admin.token()).get(0).getJsonArray("roles").getString(0));

        Api.Answer revoked = API.send("DELETE", "/api/v1/admin/users/" + bob.id() + "/roles/moderator", admin.token(), null);
        assertEquals(204, revoked.status(), revoked::toString);
        assertTrue(!KEYCLOAK.realmRoles(bob.id()).contains("moderator"));
        JsonObject audited = API.send("GET", "/api/v1/admin/audit?action=user.role.revoke&actor=" + admin.id(),
                admin.token(), null).json().getJsonArray("records").getJsonObject(0);
        assertEquals("user:" + bob.id(), audited.getString("target"));
        assertEquals("moderator", audited.getJsonObject("details").getString("role"));

        Api.Answer admin2 = API.send("PUT", "/api/v1/admin/users/" + bob.id() + "/roles/admin", admin.token(), null);
        assertEquals(403, admin2.status(), admin2::toString);
        assertProblem(admin2, "role-not-grantable");
        assertTrue(!KEYCLOAK.realmRoles(bob.id()).contains("admin"), "BLAU never makes an administrator");
        Api.Answer nobody = API.send("PUT", "/api/v1/admin/users/" + UUID.randomUUID() + "/roles/moderator", admin.token(), null);
        assertEquals(404, nobody.status(), nobody::toString);

        ChatUser mallory = CHAT.newUser("nmod");
        assertEquals(403, API.send("GET", "/api/v1/admin/users", mallory.token(), null).status());
        assertEquals(403, API.send("PUT", "/api/v1/admin/users/" + mallory.id() + "/roles/moderator", mallory.token(), null).status());
        assertEquals(401, API.send("GET", "/api/v1/admin/users", null, null).status());
        assertTrue(!KEYCLOAK.realmRoles(mallory.id()).contains("moderator"));
    }

    private static List<JsonObject> listUsers(String query, String token) {
        Api.Answer answer = API.send("GET", "/api/v1/admin/users" + query, token, null);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("users").getValuesAs(JsonObject.class);
    }

    static Api.Answer call(String action, String userId, String token) {
        return API.send("POST", "/api/v1/admin/users/" + userId + "/" + action, token, null);
    }

    static Api.Answer login(ChatUser user) {
        return API.post("/api/v1/auth/login", Users.credentials(user.username(), Users.PASSWORD));
    }

    static void assertProblem(Api.Answer answer, String kind) {
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::contentType);
        assertEquals("https://blau.dev/problems/" + kind, answer.json().getString("type"), answer::toString);
        assertEquals(answer.status(), answer.json().getInt("status"));
    }

    static KafkaConsumer<String, String> userEvents() {
        Properties config = new Properties();
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("blau.kafka.bootstrap", "127.0.0.1:19092"),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    static JsonObject awaitEvent(KafkaConsumer<String, String> consumer, List<JsonObject> seen, String type, String username) {
        return await(type + " of " + username).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ZERO)
                .until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        seen.add(Json.createReader(new StringReader(record.value())).readObject());
                    }
                    return seen.stream()
                            .filter(e -> type.equals(e.getString("type")) && username.equals(e.getString("username")))
                            .findFirst().orElse(null);
                }, Objects::nonNull);
    }
}
