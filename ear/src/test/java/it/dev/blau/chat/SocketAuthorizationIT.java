package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.KeycloakMetrics;
import dev.blau.testing.Users;

/**
 * A socket is authorized until its token's expiry and renewed over the socket; ended sessions
 * and disabled users are pushed to every chat server (back-channel logout, user events), and
 * no chat server asks Keycloak anything per connected socket.
 */
class SocketAuthorizationIT {

    /** How long a pushed session end may take to close a socket here; the product aims at 2 s. */
    private static final Duration PUSHED = Duration.ofSeconds(15);

    private final Api api = Api.underTest();
    private final Chat one = new Chat(api);
    private final Chat two = new Chat(new Api(URI.create(System.getProperty("blau.second.chat.url", "http://localhost:9083"))));
    private final KeycloakAdmin keycloak = KeycloakAdmin.ofLocalStack();

    @Test
    void aRenewedSocketIsAuthorizedUntilTheNewTokensExpiry() {
        ChatUser ana = one.newUser("ana");
        JsonObject login = login(ana.username());
        ChatUser session = new ChatUser(ana.id(), ana.username(), login.getString("accessToken"));
        Api.Answer ticket = one.call("POST", session, "/ws-ticket", null);
        Instant authExpiresAt = Instant.parse(ticket.json().getString("authExpiresAt"));
        assertEquals(expiry(session.token()), authExpiresAt, "the ticket says until when the socket is authorized");
        try (ChatSocket socket = ChatSocket.open(api.base(), ticket.json().getString("ticket"), ChatSocket.ALLOWED_ORIGIN)) {
            JsonObject refreshed = api.post("/api/v1/auth/refresh", Users.refreshToken(login.getString("refreshToken"))).json();
            String fresh = refreshed.getString("accessToken");
            socket.send(frame("auth", "token", fresh));
            JsonObject ok = socket.await(type("auth_ok"));
            assertEquals(expiry(fresh), Instant.parse(ok.getString("expiresAt")));
            assertFalse(Instant.parse(ok.getString("expiresAt")).isBefore(authExpiresAt));
        }
    }

    @Test
    void aRefusedTokenLeavesTheSocketAsItWasAndATokenOfAnotherUserEndsIt() {
        ChatUser ana = one.newUser("ana");
        ChatUser bob = one.newUser("bob");
        try (ChatSocket socket = one.connect(ana)) {
            socket.send(frame("auth", "token", "not-a-token"));
            assertEquals("invalid-token", socket.await(type("error")).getString("code"));
            String forged = bob.token().substring(0, bob.token().lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
            int mark = socket.size();
            socket.send(frame("auth", "token", forged));
            assertEquals("invalid-token", socket.await(type("error"), mark).getString("code"), "a bad signature is refused");
            mark = socket.size();
            socket.send(frame("ping"));
            socket.await(type("pong"), mark);
            socket.send(frame("auth", "token", bob.token()));
            assertEquals(1008, socket.awaitClose());
            assertEquals("token of another user", socket.closeReason());
        }
    }

    @Test
    void anUnrenewedSocketIsClosedWhenItsTokenExpires() {
        ChatUser ana = one.newUser("ana");
        String shortLived;
        int lifespan = realmAccessTokenLifespan();
        setRealmAccessTokenLifespan(10);
        try {
            shortLived = login(ana.username()).getString("accessToken");
        } finally {
            setRealmAccessTokenLifespan(lifespan);
        }
        try (ChatSocket socket = one.connect(new ChatUser(ana.id(), ana.username(), shortLived))) {
            socket.send(frame("ping"));
            socket.await(type("pong"));
            assertEquals(4001, socket.awaitClose(Duration.ofSeconds(60)));
            assertEquals("token expired", socket.closeReason());
            assertFalse(Instant.now().isBefore(expiry(shortLived)), "not before the token's expiry");
        }
    }

    @Test
    void signingOutClosesThatSessionsSocketsOnEveryServer() {
        ChatUser ana = one.newUser("ana");
        JsonObject login = login(ana.username());
        ChatUser ending = new ChatUser(ana.id(), ana.username(), login.getString("accessToken"));
        try (ChatSocket other = one.connect(ana); ChatSocket here = one.connect(ending); ChatSocket there = two.connect(ending)) {
            for (ChatSocket socket : List.of(other, here, there)) {
                socket.send(frame("ping"));
                socket.await(type("pong"));
            }
            assertEquals(204, api.post("/api/v1/auth/logout", Users.refreshToken(login.getString("refreshToken"))).status());
            assertEquals(1008, here.awaitClose(PUSHED));
            assertEquals("session ended", here.closeReason());
            assertEquals(1008, there.awaitClose(PUSHED), "the second server closed it too");
            int mark = other.size();
            other.send(frame("ping"));
            other.await(type("pong"), mark);
            assertFalse(other.isClosed(), "the user's other session goes on");
        }
    }

    @Test
    void aUserDisabledThroughBlauLosesEverySocketOnEveryServer() {
        ChatUser admin = one.newUser("adm");
        keycloak.grantRealmRole(admin.id(), "admin");
        ChatUser signedInAdmin = new ChatUser(admin.id(), admin.username(), new Users(api).accessToken(admin.username()));
        ChatUser bob = one.newUser("bob");
        try (ChatSocket here = one.connect(bob); ChatSocket there = two.connect(bob)) {
            here.send(frame("ping"));
            here.await(type("pong"));
            there.send(frame("ping"));
            there.await(type("pong"));
            Api.Answer disabled = api.send("POST", "/api/v1/admin/users/" + bob.id() + "/disable", signedInAdmin.token(), null);
            assertEquals(204, disabled.status(), disabled.toString());
            assertEquals(1008, here.awaitClose(PUSHED));
            assertEquals(1008, there.awaitClose(PUSHED));
            // the account's sessions end too, so whichever push came first named it
            assertTrue(Set.of("user disabled", "session ended").contains(here.closeReason()), here.closeReason());
        }
    }

    @Test
    void aLogoutTokenThatIsNotOneIsRefused() {
        ChatUser ana = one.newUser("ana");
        for (String token : List.of("", "garbage", ana.token())) {
            Api.Answer answer = api.send(HttpRequest.newBuilder(api.base().resolve("/api/v1/chat/oidc/backchannel-logout"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + token)));
            assertEquals(400, answer.status(), "an access token is no logout token: " + answer);
            assertEquals("application/problem+json", answer.contentType());
            String detail = answer.json().getString("detail");
            assertEquals(token.isEmpty(), detail.endsWith("no token"), "the token was read and judged: " + detail);
        }
    }

    @Test
    void openSocketsCostNoRequestsToKeycloak() {
        List<ChatUser> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add(one.newUser("idle"));
        }
        List<ChatSocket> sockets = new ArrayList<>();
        try {
            for (ChatUser user : users) {
                sockets.add(one.connect(user));
                sockets.add(two.connect(user));
            }
            for (ChatSocket socket : sockets) {
                socket.send(frame("ping"));
                socket.await(type("pong"));
            }
            KeycloakMetrics metrics = KeycloakMetrics.ofLocalStack();
            long before = metrics.requestsServed();
            // longer than the 30 s period at which each server used to ask Keycloak about every connected user
            await().during(Duration.ofSeconds(40)).atMost(Duration.ofSeconds(60))
                    .until(() -> metrics.requestsServed() == before);
            assertTrue(sockets.stream().noneMatch(ChatSocket::isClosed));
        } finally {
            sockets.forEach(ChatSocket::close);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private JsonObject login(String username) {
        Api.Answer login = api.post("/api/v1/auth/login", Users.credentials(username, Users.PASSWORD));
        assertEquals(200, login.status(), login.toString());
        return login.json();
    }

    private static Instant expiry(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(payload))) {
            return Instant.ofEpochSecond(reader.readObject().getJsonNumber("exp").longValue());
        }
    }

    private int realmAccessTokenLifespan() {
        return keycloak.realm().getInt("accessTokenLifespan");
    }

    private void setRealmAccessTokenLifespan(int seconds) {
        keycloak.updateRealm(Json.createObjectBuilder().add("accessTokenLifespan", seconds).build());
    }
}
