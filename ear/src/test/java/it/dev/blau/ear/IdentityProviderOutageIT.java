package it.dev.blau.ear;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Health;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.LocalStackControl;
import dev.blau.testing.Users;

/** With Keycloak stopped, auth-app fails fast and clearly, keeps nothing half-made, and those signed in go on. */
class IdentityProviderOutageIT {

    final Api api = Api.underTest();
    final LocalStackControl stack = LocalStackControl.ofThisBuild();

    // one outage for both halves: a Keycloak restart is the slowest step of this class
    @Test
    void whileKeycloakIsAway_signInsFailFastAndLeaveNothingHalfMade_andThoseSignedInGoOnChatting() throws SQLException {
        String username = Users.uniqueName("down");
        String signedIn = new Users(api).register("rfr");
        Api.Answer login = api.post("/api/v1/auth/login", Users.credentials(signedIn, Users.PASSWORD));
        assertEquals(200, login.status(), login::toString);
        String refreshToken = login.json().getString("refreshToken");
        Chat chat = new Chat(api);
        ChatUser ana = chat.newUser("ana");
        String room = chat.createRoom(ana, "private");
        try (ChatSocket socket = chat.connect(ana)) {
            socket.join(room, 0L);
            stack.stop("keycloak");
            try {
                signInsFailFastAndLeaveNothingHalfMade(username, refreshToken);
                signedInUsersGoOnChatting(chat, ana, room, socket);
            } finally {
                stack.start("keycloak");
            }
        }
        await("Keycloak back").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/v1/auth/health").status() == 200);
        Api.Answer registerAgain = api.post("/api/v1/auth/register",
                Users.registration(username, username + "@example.test", Users.PASSWORD));
        assertEquals(201, registerAgain.status(), registerAgain::toString);
        Api.Answer renewed = api.post("/api/v1/auth/refresh", Users.refreshToken(refreshToken));
        assertEquals(200, renewed.status(), renewed::toString);
    }

    private void signInsFailFastAndLeaveNothingHalfMade(String username, String refreshToken) throws SQLException {
        // a renewal that cannot reach Keycloak is an outage, not a spent token: the same token works later
        Api.Answer refresh = api.post("/api/v1/auth/refresh", Users.refreshToken(refreshToken));
        assertEquals(503, refresh.status(), refresh::toString);
        RegistrationAndSessionsIT.assertProblem(refresh, "identity-provider-unavailable");
        Api.Answer register = api.post("/api/v1/auth/register",
                Users.registration(username, username + "@example.test", Users.PASSWORD));
        Api.Answer refused = api.post("/api/v1/auth/login", Users.credentials(username, Users.PASSWORD));

        assertEquals(503, register.status(), register::toString);
        RegistrationAndSessionsIT.assertProblem(register, "identity-provider-unavailable");
        assertTrue(Integer.parseInt(register.header("Retry-After")) > 0);
        assertEquals(503, refused.status(), refused::toString);
        assertFalse(profileExists(username), "a profile row was left behind");
        // repeated failures open auth-app's breaker: sign-ins are refused without trying Keycloak,
        // with the breaker's pause as Retry-After, and the breaker says so in /metrics
        await("the breaker opens").atMost(Duration.ofSeconds(30)).until(() -> {
            Api.Answer again = api.post("/api/v1/auth/login", Users.credentials(username, Users.PASSWORD));
            assertEquals(503, again.status(), again::toString);
            RegistrationAndSessionsIT.assertProblem(again, "identity-provider-unavailable");
            return again.body().contains("paused");
        });
        Api.Answer paused = api.post("/api/v1/auth/login", Users.credentials(username, Users.PASSWORD));
        assertEquals(Long.toString(KEYCLOAK_PAUSE_SECONDS), paused.header("Retry-After"), paused::toString);
        assertTrue(Health.breakerOpenedTimes(api, "KeycloakClient.passwordGrant") >= 1, "ft_circuitbreaker_opened_total");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/auth/health").status() == 503);
    }

    private void signedInUsersGoOnChatting(Chat chat, ChatUser ana, String room, ChatSocket socket) {
        // tokens are checked with the keys fetched before: REST, tickets and sends go on
        assertEquals(200, chat.call("GET", ana, "/rooms", null).status());
        assertEquals(200, chat.call("GET", ana, "/rooms/" + room + "/messages", null).status());
        assertEquals(200, api.send("GET", "/api/v1/auth/profile", ana.token(), null).status());
        try (ChatSocket second = chat.connect(ana)) {
            int mark = second.size();
            second.send(ChatSocket.frame("send_message", "roomId", room, "clientMsgId", "kc-away", "text", "still here"));
            assertEquals("ack", second.await(f -> "ack".equals(f.getString("type"))
                    || "error".equals(f.getString("type")), mark).getString("type"));
        }
        await("the message live on the first socket").atMost(ChatSocket.WAIT).until(() -> socket.messages(room)
                .stream().anyMatch(m -> "still here".equals(m.getString("text"))));
    }

    @Test
    void aRenewalKeycloakIsTooSlowForIsAnsweredOnceItCatchesUpAndTheRetryGetsThoseTokens() {
        String username = new Users(api).register("slow");
        Api.Answer login = api.post("/api/v1/auth/login", Users.credentials(username, Users.PASSWORD));
        assertEquals(200, login.status(), login::toString);
        String refreshToken = login.json().getString("refreshToken");

        Api.Answer pending;
        stack.pause("keycloak"); // as a Keycloak starved of CPU: the call waits, nothing is refused
        try {
            pending = api.post("/api/v1/auth/refresh", Users.refreshToken(refreshToken));
        } finally {
            stack.resume("keycloak");
        }

        assertEquals(503, pending.status(), pending::toString);
        RegistrationAndSessionsIT.assertProblem(pending, "renewal-pending");
        assertEquals("2", pending.header("Retry-After"));
        // the renewal went on: asking again with the same (meanwhile spent) refresh token gets its answer
        Api.Answer renewed = await("the renewal's answer").atMost(Duration.ofSeconds(60))
                .until(() -> api.post("/api/v1/auth/refresh", Users.refreshToken(refreshToken)), a -> a.status() != 503);
        assertEquals(200, renewed.status(), renewed::toString);
        Api.Answer again = api.post("/api/v1/auth/refresh", Users.refreshToken(refreshToken));
        assertEquals(renewed.json().getString("refreshToken"), again.json().getString("refreshToken"));
        Api.Answer next = api.post("/api/v1/auth/refresh", Users.refreshToken(renewed.json().getString("refreshToken")));
        assertEquals(200, next.status(), next::toString);
    }

    /** auth-app's breaker pause for Keycloak calls (KeycloakClient.PAUSE_SECONDS). */
    private static final long KEYCLOAK_PAUSE_SECONDS = 10;

    static boolean profileExists(String username) throws SQLException {
        try (Connection db = DriverManager.getConnection(System.getProperty("blau.postgres.url",
                "jdbc:postgresql://127.0.0.1:15432/blau"), "blau", "blau");
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM auth.user_profile WHERE username = ?")) {
            query.setString(1, username);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }
}
