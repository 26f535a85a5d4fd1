package dev.blau.chat.events.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;

import org.junit.jupiter.api.Test;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.messages.entity.ReplyTo;

/** Events on Kafka: a message's events by the streaming path, the others by JSON-B, one document either way. */
class ChatEventJsonTest {

    private static final Message MESSAGE = Message.sent("r1:8", "r1", 8, "u2", "Bo", "@ana yes", "c-2",
            Instant.parse("2026-12-04T21:47:09.973Z"), new ReplyTo(7, "Ana", "hello"), List.of("u1"), false, null)
            .withReaction("👍", "u1", true).withVersion(3);

    @Test
    void aMessageEventIsTheDocumentJsonBindingWrites() {
        for (ChatEvent event : List.of(ChatEvent.messageSent(MESSAGE), ChatEvent.messageUpdated(MESSAGE))) {
            assertEquals(parse(JsonbBuilder.create().toJson(event)), parse(ChatEventJson.toJson(event)));
            assertEquals(event, ChatEventJson.fromJson(ChatEventJson.toJson(event)));
            assertEquals(event, ChatEventJson.fromJson(JsonbBuilder.create().toJson(event)));
        }
    }

    @Test
    void otherEventsRoundTrip() {
        UserRef ana = new UserRef("u1", "ana", "Ana");
        for (ChatEvent event : List.of(ChatEvent.typing("r1", ana, true), ChatEvent.presence(ana, "away", List.of("r1", "r2")),
                ChatEvent.userJoined("r1", ana), ChatEvent.sessionEnded(ana, "s-1"), ChatEvent.userDisabled(ana),
                ChatEvent.userBanned("r1", ana, "spam", java.time.Instant.parse("2026-12-06T10:15:30.123456Z")),
                ChatEvent.userBanned("r1", ana, null, null),
                ChatEvent.userMuted("r1", ana, java.time.Instant.parse("2026-12-06T10:15:30Z")),
                ChatEvent.userMuted("r1", ana, null))) {
            assertEquals(event, ChatEventJson.fromJson(ChatEventJson.toJson(event)));
        }
    }

    @Test
    void signalsAreReadAsTheyWereWritten() {
        UserRef ana = new UserRef("u1", "ana", "Ana");
        for (ChatEvent event : List.of(ChatEvent.typing("r1", ana, false), ChatEvent.presence(ana, "busy", List.of("r1")))) {
            assertEquals(event, ChatEventJson.signalFromJson(ChatEventJson.toJson(event)));
        }
    }

    @Test
    void aMessageOfTheWrongShapeIsRefused() {
        assertThrows(RuntimeException.class, () -> ChatEventJson.fromJson(
                "{\"eventId\":\"e\",\"type\":\"message.sent\",\"message\":{\"seq\":\"seven\",\"replyTo\":3}}"));
        assertThrows(RuntimeException.class, () -> ChatEventJson.fromJson("[1,2]"));
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
