package it.dev.blau.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;

/**
 * Both applications, as the server runs them, take the request id Kong passes on
 * ({@code X-Request-Id}), log with it (ext_requestId; RequestLogContextFilterTest proves the log
 * side) and return it; a request without one gets one, and one that could forge a log line is
 * replaced, never echoed.
 */
class RequestIdIT {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final Api server = Api.underTest();
    private final Chat chat = new Chat(server);

    @Test
    void anAuthenticatedCallKeepsKongsRequestId() {
        ChatUser ana = chat.newUser("ana");
        for (String path : new String[] {"/api/v1/chat/rooms", "/api/v1/auth/profile"}) {
            Api.Answer answer = server.send(request(path, "3f1c9e0a2b7d4c65a8e1f0b2c3d4e5f6").header("Authorization", "Bearer " + ana.token()));

            assertEquals(200, answer.status(), () -> path + " " + answer);
            assertEquals("3f1c9e0a2b7d4c65a8e1f0b2c3d4e5f6", answer.header("X-Request-Id"), () -> path + " " + answer);
        }
    }

    @Test
    void aRefusedOrAnonymousCallGetsAnIdOfItsOwn() {
        for (String path : new String[] {"/api/v1/chat/rooms", "/api/v1/auth/profile", "/api/v1/chat/no-such-thing"}) {
            Api.Answer answer = server.send(HttpRequest.newBuilder(server.base().resolve(path)).GET());

            assertTrue(answer.status() >= 400, () -> path + " " + answer);
            assertTrue(String.valueOf(answer.header("X-Request-Id")).matches(UUID), () -> path + " " + answer);
        }
    }

    @Test
    void anIdThatCouldForgeALogLineIsReplaced() {
        for (String id : new String[] {"{\"loglevel\":\"SEVERE\"}", "two words", "a".repeat(201), "a;b=c"}) {
            Api.Answer answer = server.send(request("/api/v1/chat/rooms", id));

            assertNotEquals(id, answer.header("X-Request-Id"), answer::toString);
            assertTrue(String.valueOf(answer.header("X-Request-Id")).matches(UUID), answer::toString);
        }
    }

    private HttpRequest.Builder request(String path, String requestId) {
        return HttpRequest.newBuilder(server.base().resolve(path)).header("X-Request-Id", requestId).GET();
    }
}
