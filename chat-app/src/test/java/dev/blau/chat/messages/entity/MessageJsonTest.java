package dev.blau.chat.messages.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonGenerator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming writer and reader say exactly what JSON-B says of a message, for every shape one takes. */
class MessageJsonTest {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    static List<Message> messages() {
        Instant at = Instant.parse("2026-12-04T21:47:09.973Z");
        Message plain = Message.sent("r1:7", "r1", 7, "u1", "Ana", "hello \"world\" \\ \n ☃ 😀", "c-1", at, null,
                List.of(), false, null);
        Message reply = Message.sent("r1:8", "r1", 8, "u2", "Bo", "@ana yes", "c-2", at.plusMillis(1),
                new ReplyTo(7, "Ana", "hello…"), List.of("u1"), true, null);
        Message changed = reply.edited("@ana no", List.of("u1", "u3"), false, Instant.parse("2026-12-04T22:00:00Z"))
                .withReaction("👍", "u1", true).withReaction("👍", "u2", true).withReaction("🎉", "u3", true)
                .withPinned(true).withReplyCount(3).withVersion(42);
        Message withFiles = Message.sent("r1:10", "r1", 10, "u1", "Ana", "", "c-3", at, null, List.of(), false, List.of(
                Attachment.of("f1", "café \"1\".png", "image/png", 1234, 800, 600, true),
                Attachment.of("f2", "notes.txt", "text/plain", 0, null, null, false)));
        return List.of(plain, reply, changed, changed.seenBy("u2"), changed.tombstone().withVersion(43),
                Message.sent("r1:9", "r1", Long.MAX_VALUE, "u1", null, "x", null, null, null, null, false, null),
                withFiles, withFiles.tombstone());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void writesWhatJsonBindingWrites(Message message) {
        assertEquals(parse(JSONB.toJson(message)), parse(written(message)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void keepsJsonBindingsOrderOfNames(Message message) {
        assertEquals(List.copyOf(parse(JSONB.toJson(message)).keySet()), List.copyOf(parse(written(message)).keySet()));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void readsBackWhatItWrote(Message message) {
        assertEquals(message, MessageJson.read(parse(written(message))));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void readsWhatJsonBindingWrote(Message message) {
        assertEquals(message, MessageJson.read(parse(JSONB.toJson(message))));
    }

    private static String written(Message message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of()).createGenerator(out)) {
            MessageJson.write(json, null, message);
        }
        return out.toString();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
