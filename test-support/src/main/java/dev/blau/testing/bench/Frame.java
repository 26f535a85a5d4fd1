package dev.blau.testing.bench;

import java.io.StringReader;
import java.util.function.Consumer;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Reads fields of the server's frames without building a JSON tree: a delivery is only
 * timed, so the receive path must cost the load generator as little as possible.
 * {@code "key":} with both quotes unescaped never occurs inside a JSON string, so the first
 * occurrence of a key is a real key. Only for flat keys the frame has once (every key of a
 * {@code message_received} frame: its only other field is {@code type}).
 */
final class Frame {

    private Frame() {
    }

    /** The value of a string field, or null when the frame has none. */
    static String string(String json, String key) {
        String marker = "\"" + key + "\":\"";
        int at = json.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int from = at + marker.length();
        int to = json.indexOf('"', from);
        // ids and codes carry no escapes; anything that does goes through a real parser
        if (to < 0 || json.lastIndexOf('\\', to) >= from) {
            return parse(json).getString(key, null);
        }
        return json.substring(from, to);
    }

    /** The value of an integer field, or {@code missing} when the frame has none. */
    static long number(String json, String key, long missing) {
        String marker = "\"" + key + "\":";
        int at = json.indexOf(marker);
        if (at < 0) {
            return missing;
        }
        int i = at + marker.length();
        while (i < json.length() && json.charAt(i) == ' ') {
            i++;
        }
        long value = 0;
        boolean any = false;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            value = value * 10 + (json.charAt(i++) - '0');
            any = true;
        }
        return any ? value : missing;
    }

    /** The frame's type: the server writes it first, so this is the first {@code "type"} key. */
    static String type(String json) {
        return string(json, "type");
    }

    /**
     * Hands each frame of a {@code {"type":"batch","frames":[...]}} frame to {@code each}, in
     * order, as its own text: the elements are cut at their closing brace, minding strings.
     */
    static void eachInBatch(String json, Consumer<String> each) {
        int at = json.indexOf("\"frames\":[");
        if (at < 0) {
            return;
        }
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = at + "\"frames\":[".length(); i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character, whatever it is
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == '}') {
                if (--depth == 0) {
                    each.accept(json.substring(start, i + 1));
                }
            } else if (c == ']' && depth == 0) {
                return;
            }
        }
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** A {@code send_message} frame; ids and text are the generator's own, plain ASCII with nothing to escape. */
    static String sendMessage(String roomId, String clientMsgId, String text) {
        return "{\"type\":\"send_message\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"text\":\"" + text + "\"}";
    }
}
