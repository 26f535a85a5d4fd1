package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.LocalStackControl;

/** With the message store down, a send fails fast and visibly, nothing is acked, and nothing is lost once it is back. */
class MessageStoreOutageIT {

    private final Chat chat = new Chat(Api.underTest());
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
            } finally {
                stack.start("mongodb");
            }
            int mark = socket.size();
            socket.send(frame("send_message", "roomId", room, "clientMsgId", "during", "text", "now stored"));
            assertEquals(2, socket.await(type("ack"), mark).getJsonObject("message").getJsonNumber("seq").longValue(),
                    "the retry after the outage takes the next seq: no hole, nothing half-stored");
        }
        List<String> texts = chat.history(ana, room, "?after=0").getJsonArray("messages").stream()
                .map(JsonObject.class::cast).map(m -> m.getString("text")).toList();
        assertEquals(List.of("stored", "now stored"), texts);
    }
}
