package dev.blau.chat.events.entity;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonGenerator;

import dev.blau.chat.messages.entity.MessageJson;
import dev.blau.common.json.JsonProcessing;

/**
 * Chat events as the JSON on Kafka. A message's events ({@code message.sent},
 * {@code message.updated}: nearly all the traffic) are written and read with the streaming API
 * ({@link MessageJson}); the rest, rare, with JSON-B. Both write the same document.
 */
public final class ChatEventJson {

    private static final Jsonb JSON = JsonbBuilder.create();

    private ChatEventJson() {
    }

    public static String toJson(ChatEvent event) {
        // a message's events carry the message and nothing of a user, a room or a session (ChatEvent's factories)
        if (!isMessageEvent(event.type()) || event.message() == null || event.eventId() == null) {
            return JSON.toJson(event);
        }
        StringWriter out = new StringWriter(768);
        try (JsonGenerator json = JsonProcessing.GENERATORS.createGenerator(out)) {
            json.writeStartObject().write("eventId", event.eventId()).write("type", event.type());
            if (event.time() != null) {
                json.write("time", event.time().toString());
            }
            if (event.roomId() != null) {
                json.write("roomId", event.roomId());
            }
            MessageJson.write(json, "message", event.message());
            json.writeEnd();
        }
        return out.toString();
    }

    /** Typing and presence ({@code chat-signals}): never a message's event, so JSON-B reads them at once. */
    public static ChatEvent signalFromJson(String payload) {
        return JSON.fromJson(payload, ChatEvent.class);
    }

    /** @throws jakarta.json.JsonException (or JSON-B's {@code JsonbException}) for a payload that is no event */
    public static ChatEvent fromJson(String payload) {
        JsonObject json;
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(payload))) {
            json = reader.readObject();
        }
        String type = json.get("type") instanceof JsonString name ? name.getString() : null;
        JsonObject message = json.get("message") instanceof JsonObject object ? object : null;
        if (!isMessageEvent(type) || message == null) {
            return JSON.fromJson(payload, ChatEvent.class);
        }
        String time = json.get("time") instanceof JsonString at ? at.getString() : null;
        String roomId = json.get("roomId") instanceof JsonString room ? room.getString() : null;
        return new ChatEvent(json.getString("eventId", null), type, time == null ? null : Instant.parse(time), roomId,
                null, MessageJson.read(message), null, null, null, null, null, null, null, null);
    }

    private static boolean isMessageEvent(String type) {
        return ChatEvent.MESSAGE_SENT.equals(type) || ChatEvent.MESSAGE_UPDATED.equals(type);
    }
}
