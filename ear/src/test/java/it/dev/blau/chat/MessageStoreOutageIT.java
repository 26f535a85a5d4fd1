package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.Health;
import dev.blau.testing.LocalStackControl;

/**
 * With the message store down, a send fails fast and visibly, nothing is acked, and nothing is
 * lost once it is back; repeated failures open the store's circuit breaker (in the metrics and
 * the readiness data), which refuses at once until the store answers again.
 */
class MessageStoreOutageIT {

    private final Api api = Api.underTest();
    private final Chat chat = new Chat(api);
    private final LocalStackControl stack = LocalStackControl.ofThisBuild();

    @Test
    void noAckWithoutStorageAndEverythingAckedSurvives() {
        ChatUser ana = chat.newUser("ana");
        String room = chat.createRoom(ana, "private");
        try (ChatSocket socket = chat.connect(ana)) {
            socket.join(room, 0L);
            socket.send(frame("send_message", "roomId", room, "clientMsgId", "before", "text", "stored"));
            socket.await(type("ack"));
            stack.stop("mongodb");
            try {
                int mark = socket.size();
                socket.send(frame("send_message", "roomId", room, "clientMsgId", "during", "text", "not stored"));
                JsonObject error = socket.await(type("error"), mark);
                assertEquals("store-unavailable", error.getString("code"));
                assertEquals("during", error.getString("ref"));
                assertTrue(socket.frames().stream().skip(mark).noneMatch(type("ack")));
                Api.Answer rest = chat.send(ana, room, "during-rest", "not stored either");
                assertEquals(503, rest.status());
                assertEquals("5", rest.header("Retry-After"));
                // repeated failures open the store's breaker: the same answer, given without asking the store
                for (int i = 0; i < 4; i++) {
                    assertEquals(503, chat.send(ana, room, "during-rest-" + i, "refused").status());
                }
                assertTrue(Health.breakerOpenedTimes(api, "StoreBreaker.call") >= 1, "ft_circuitbreaker_opened_total of the store");
                Api.Answer refused = chat.send(ana, room, "while-open", "refused at once");
                assertEquals(503, refused.status(), refused::toString);
                assertEquals("https://blau.dev/problems/store-unavailable", refused.json().getString("type"));
                assertEquals("open", Health.circuitBreaker(api, "chat-mongodb"), "readiness data");
            } finally {
                stack.start("mongodb");
            }
            // the breaker lets a call through again after its pause: the client's retry of the same frame is then acked
            await("the frame acked after the outage").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                int mark = socket.size();
                socket.send(frame("send_message", "roomId", room, "clientMsgId", "during", "text", "now stored"));
                JsonObject answer = socket.await(type("ack").or(type("error")), mark);
                if (!"ack".equals(answer.getString("type"))) {
                    assertEquals("store-unavailable", answer.getString("code"), answer::toString);
                    return false;
                }
                assertEquals(2, answer.getJsonObject("message").getJsonNumber("seq").longValue(),
                        "the retry after the outage takes the next seq: no hole, nothing half-stored");
                return true;
            });
            assertEquals("closed", Health.circuitBreaker(api, "chat-mongodb"));
        }
        List<String> texts = chat.history(ana, room, "?after=0").getJsonArray("messages").stream()
                .map(JsonObject.class::cast).map(m -> m.getString("text")).toList();
        assertEquals(List.of("stored", "now stored"), texts);
    }
}
