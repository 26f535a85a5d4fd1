package dev.blau.chat.messages.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;

/**
 * A {@link Message} as JSON with the streaming API, for the paths every message takes (the
 * sender's ack, the event on Kafka, each room's {@code message_received} frame). It writes what
 * JSON-B writes for the record — the same names, order, ISO instants, absent nulls — at a
 * fraction of the cost: JSON-B built a serialization context, maps and reflective accessors
 * for every message, which made it the largest allocator of the live path.
 */
public final class MessageJson {

    private MessageJson() {
    }

    /** Writes the message as an object, under {@code name} (null: as an array item or the root). */
    public static void write(JsonGenerator json, String name, Message message) {
        if (name == null) {
            json.writeStartObject();
        } else {
            json.writeStartObject(name);
        }
        string(json, "id", message.id());
        string(json, "roomId", message.roomId());
        json.write("seq", message.seq());
        string(json, "senderId", message.senderId());
        string(json, "senderName", message.senderName());
        string(json, "text", message.text());
        string(json, "clientMsgId", message.clientMsgId());
        instant(json, "createdAt", message.createdAt());
        instant(json, "editedAt", message.editedAt());
        if (message.deleted() != null) {
            json.write("deleted", message.deleted());
        }
        ReplyTo replyTo = message.replyTo();
        if (replyTo != null) { // JSON-B orders a record without an explicit order by name
            json.writeStartObject("replyTo");
            string(json, "excerpt", replyTo.excerpt());
            string(json, "senderName", replyTo.senderName());
            json.write("seq", replyTo.seq());
            json.writeEnd();
        }
        json.write("replyCount", message.replyCount());
        json.writeStartArray("reactions");
        for (Reaction reaction : message.reactions()) {
            json.writeStartObject();
            string(json, "emoji", reaction.emoji());
            json.write("count", reaction.count());
            if (reaction.me() != null) {
                json.write("me", reaction.me());
            }
            strings(json, "userIds", reaction.userIds());
            json.writeEnd();
        }
        json.writeEnd();
        strings(json, "mentions", message.mentions());
        if (message.mentionsRoom() != null) {
            json.write("mentionsRoom", message.mentionsRoom());
        }
        json.write("pinned", message.pinned());
        json.write("version", message.version());
        if (message.attachments() != null) {
            json.writeStartArray("attachments");
            for (Attachment file : message.attachments()) {
                json.writeStartObject();
                string(json, "id", file.id());
                string(json, "name", file.name());
                string(json, "contentType", file.contentType());
                json.write("size", file.size());
                if (file.width() != null) {
                    json.write("width", file.width());
                    json.write("height", file.height());
                }
                string(json, "url", file.url());
                string(json, "thumbnailUrl", file.thumbnailUrl());
                json.writeEnd();
            }
            json.writeEnd();
        }
        json.writeEnd();
    }

    /** Reads what {@link #write} (or JSON-B) wrote. */
    public static Message read(JsonObject json) {
        JsonObject replyTo = json.getJsonObject("replyTo");
        List<Reaction> reactions = new ArrayList<>();
        JsonArray given = json.getJsonArray("reactions");
        if (given != null) {
            for (JsonValue item : given) {
                JsonObject reaction = item.asJsonObject();
                reactions.add(new Reaction(text(reaction, "emoji"), reaction.getInt("count", 0),
                        bool(reaction, "me"), strings(reaction.getJsonArray("userIds"))));
            }
        }
        return new Message(text(json, "id"), text(json, "roomId"), number(json, "seq"), text(json, "senderId"),
                text(json, "senderName"), text(json, "text"), text(json, "clientMsgId"), time(json, "createdAt"),
                time(json, "editedAt"), bool(json, "deleted"),
                replyTo == null ? null
                        : new ReplyTo(number(replyTo, "seq"), text(replyTo, "senderName"), text(replyTo, "excerpt")),
                json.getInt("replyCount", 0), reactions, strings(json.getJsonArray("mentions")),
                bool(json, "mentionsRoom"), json.getBoolean("pinned", false), number(json, "version"),
                attachments(json.getJsonArray("attachments")));
    }

    private static List<Attachment> attachments(JsonArray values) {
        if (values == null) {
            return null;
        }
        List<Attachment> found = new ArrayList<>(values.size());
        for (JsonValue item : values) {
            JsonObject file = item.asJsonObject();
            JsonNumber width = file.getJsonNumber("width");
            JsonNumber height = file.getJsonNumber("height");
            found.add(new Attachment(text(file, "id"), text(file, "name"), text(file, "contentType"), number(file, "size"),
                    width == null ? null : width.intValueExact(), height == null ? null : height.intValueExact(),
                    text(file, "url"), text(file, "thumbnailUrl")));
        }
        return found;
    }

    private static void string(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.write(name, value);
        }
    }

    private static void instant(JsonGenerator json, String name, Instant value) {
        if (value != null) {
            json.write(name, value.toString());
        }
    }

    private static void strings(JsonGenerator json, String name, List<String> values) {
        json.writeStartArray(name);
        for (String value : values) {
            json.write(value);
        }
        json.writeEnd();
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString string ? string.getString() : null;
    }

    private static long number(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null) {
            return 0;
        }
        if (value instanceof JsonNumber number) {
            return number.longValueExact();
        }
        throw new JsonException(name + " is not a number");
    }

    private static Instant time(JsonObject json, String name) {
        String value = text(json, name);
        return value == null ? null : Instant.parse(value);
    }

    private static Boolean bool(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null;
    }

    private static List<String> strings(JsonArray values) {
        if (values == null) {
            return List.of();
        }
        List<String> found = new ArrayList<>(values.size());
        for (JsonValue value : values) {
            if (value instanceof JsonString string) {
                found.add(string.getString());
            }
        }
        return found;
    }
}
