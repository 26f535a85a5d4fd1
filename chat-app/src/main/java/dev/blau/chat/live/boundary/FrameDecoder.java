package dev.blau.chat.live.boundary;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import dev.blau.chat.live.entity.Command;
import dev.blau.chat.messages.control.Attachments;
import dev.blau.common.json.JsonProcessing;

/** Client frames (JSON objects with a {@code "type"}) into typed commands; a frame of the wrong shape is refused with a reason. */
final class FrameDecoder {

    private static final BigDecimal LARGEST_SEQ = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final int MAX_IDS = Attachments.MAX_PER_MESSAGE;

    private FrameDecoder() {
    }

    /** A frame that cannot become a command; {@code ref} names what it was about, when that is known. */
    static final class InvalidFrame extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;
        final String ref;

        InvalidFrame(String code, String message, String ref) {
            super(message);
            this.code = code;
            this.ref = ref;
        }
    }

    static Command decode(String text) {
        JsonObject frame;
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidFrame("malformed-frame", "A frame is a JSON object with a \"type\".", null);
            }
            frame = value.asJsonObject();
        } catch (JsonParsingException e) {
            throw new InvalidFrame("malformed-frame", "The frame is not valid JSON.", null);
        } catch (RuntimeException e) { // the parser's own limits (nesting depth) are plain RuntimeExceptions
            throw new InvalidFrame("malformed-frame", "The frame is not JSON this server reads: " + e.getMessage(), null);
        }
        String type = string(frame, "type");
        String ref = string(frame, "clientMsgId") != null ? string(frame, "clientMsgId") : string(frame, "ref");
        return switch (type == null ? "" : type) {
            case "join_room" -> new Command.JoinRoom(required(frame, "roomId", ref), optionalSeq(frame, "lastSeq", ref),
                    optionalSeq(frame, "sinceVersion", ref));
            case "leave_room" -> new Command.LeaveRoom(required(frame, "roomId", ref));
            case "send_message" -> sendMessage(frame, ref);
            case "edit_message" -> new Command.EditMessage(required(frame, "roomId", ref), requiredSeq(frame, "seq", ref),
                    required(frame, "text", ref), ref);
            case "delete_message" -> new Command.DeleteMessage(required(frame, "roomId", ref),
                    requiredSeq(frame, "seq", ref), ref);
            case "react" -> new Command.React(required(frame, "roomId", ref), requiredSeq(frame, "seq", ref),
                    required(frame, "emoji", ref), requiredFlag(frame, "on", ref), ref);
            case "typing" -> new Command.Typing(required(frame, "roomId", ref), requiredFlag(frame, "typing", ref));
            case "mark_read" -> new Command.MarkRead(required(frame, "roomId", ref), requiredSeq(frame, "seq", ref));
            case "set_status" -> new Command.SetStatus(required(frame, "status", ref));
            case "ping" -> new Command.Ping();
            case "auth" -> new Command.Authenticate(required(frame, "token", ref));
            default -> throw new InvalidFrame("unknown-type", type == null
                    ? "The frame has no \"type\"."
                    : "Unknown frame type \"" + type + "\".", null);
        };
    }

    // the text may be empty when files carry the message
    private static Command.SendMessage sendMessage(JsonObject frame, String ref) {
        List<String> attachments = optionalIds(frame, "attachments", ref);
        String text = attachments.isEmpty() ? required(frame, "text", ref) : optional(frame, "text", ref);
        return new Command.SendMessage(required(frame, "roomId", ref), required(frame, "clientMsgId", ref),
                text == null ? "" : text, optionalSeq(frame, "replyToSeq", ref), attachments);
    }

    private static String optional(JsonObject frame, String name, String ref) {
        JsonValue value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw new InvalidFrame("validation", name + " must be a string", ref);
        }
        if (text.getString().indexOf('\0') >= 0) {
            throw new InvalidFrame("validation", name + " holds the NUL character (U+0000)", ref);
        }
        return text.getString();
    }

    private static List<String> optionalIds(JsonObject frame, String name, String ref) {
        JsonValue value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > MAX_IDS
                || !array.stream().allMatch(item -> item instanceof JsonString s && !s.getString().isBlank())) {
            throw new InvalidFrame("validation", name + " must be a list of at most " + MAX_IDS + " ids", ref);
        }
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static String string(JsonObject frame, String name) {
        JsonValue value = frame.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static String required(JsonObject frame, String name, String ref) {
        String value = string(frame, name);
        if (value == null || value.isBlank()) {
            throw new InvalidFrame("validation", name + " is required (a non-empty string)", ref);
        }
        if (value.indexOf('\0') >= 0) { // PostgreSQL text cannot hold it; nobody types it
            throw new InvalidFrame("validation", name + " holds the NUL character (U+0000)", ref);
        }
        return value;
    }

    private static boolean requiredFlag(JsonObject frame, String name, String ref) {
        JsonValue flag = frame.get(name);
        if (flag != JsonValue.TRUE && flag != JsonValue.FALSE) {
            throw new InvalidFrame("validation", name + " must be true or false", ref);
        }
        return flag == JsonValue.TRUE;
    }

    private static long requiredSeq(JsonObject frame, String name, String ref) {
        Long seq = optionalSeq(frame, name, ref);
        if (seq == null) {
            throw new InvalidFrame("validation", name + " is required", ref);
        }
        return seq;
    }

    private static Long optionalSeq(JsonObject frame, String name, String ref) {
        JsonValue value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        // compared as a decimal first: longValue() would wrap a huge number into a plausible seq, and
        // expanding 1e1000000000 to an integer would take the thread
        BigDecimal number = value instanceof JsonNumber n ? n.bigDecimalValue() : null;
        if (number != null && number.signum() >= 0 && number.compareTo(LARGEST_SEQ) <= 0) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException fraction) {
                // falls through to the refusal
            }
        }
        throw new InvalidFrame("validation", name + " must be a whole number, 0 or more", ref);
    }
}
