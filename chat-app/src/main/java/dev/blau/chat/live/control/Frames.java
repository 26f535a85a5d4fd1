package dev.blau.chat.live.control;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonGenerator;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.messages.entity.MessageJson;
import dev.blau.chat.rooms.entity.RoomView;
import dev.blau.common.json.JsonProcessing;

/** The server → client frames of the WebSocket protocol (docs/api.md), as JSON text. */
public final class Frames {

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    // every socket pings every 30 s: the answer is always the same
    private static final String PONG = frame("pong");

    private Frames() {
    }

    public static String ack(String clientMsgId, Message message) {
        return messageFrame("ack", clientMsgId, message);
    }

    public static String messageReceived(Message message) {
        return messageFrame("message_received", null, message);
    }

    /** A message changed: its whole current state. */
    public static String messageUpdated(Message message) {
        return messageFrame("message_updated", null, message);
    }

    public static String userJoined(String roomId, UserRef user) {
        return frame("user_joined", "roomId", roomId, "user", user);
    }

    public static String userLeft(String roomId, UserRef user) {
        return frame("user_left", "roomId", roomId, "user", user);
    }

    /** To the banned user's sockets; {@code until} absent: for good. */
    public static String banned(String roomId, String reason, java.time.Instant until) {
        return frame("banned", "roomId", roomId, "reason", reason, "until", until == null ? null : until.toString());
    }

    /** To the member's sockets: sends in the room are refused until {@code until}. */
    public static String muted(String roomId, java.time.Instant until) {
        return frame("muted", "roomId", roomId, "until", until.toString());
    }

    public static String unmuted(String roomId) {
        return frame("unmuted", "roomId", roomId);
    }

    public static String typing(String roomId, UserRef user, boolean typing) {
        return frame("typing", "roomId", roomId, "user", user, "typing", typing);
    }

    public static String presence(UserRef user, String status) {
        return frame("presence", "user", user, "status", status);
    }

    public static String roomCreated(RoomView room) {
        return frame("room_created", "room", room);
    }

    public static String roomUpdated(RoomView room) {
        return frame("room_updated", "room", room);
    }

    public static String roomDeleted(String roomId) {
        return frame("room_deleted", "roomId", roomId);
    }

    /** After a join_room: the backlog (and changes since the version asked) has been sent, live messages follow. */
    public static String joined(String roomId, long lastSeq, long version) {
        return frame("joined", "roomId", roomId, "lastSeq", lastSeq, "version", version);
    }

    public static String left(String roomId) {
        return frame("left", "roomId", roomId);
    }

    /** The socket's authorization was renewed, until {@code expiresAt}. */
    public static String authOk(java.time.Instant expiresAt) {
        return frame("auth_ok", "expiresAt", expiresAt.toString());
    }

    public static String pong() {
        return PONG;
    }

    public static String error(String code, String message, String ref) {
        return frame("error", "code", code, "message", message, "ref", ref);
    }

    // the frames of every message: written with the streaming API, the same JSON as JSON-B would write
    private static String messageFrame(String type, String clientMsgId, Message message) {
        StringWriter out = new StringWriter(640);
        try (JsonGenerator json = JsonProcessing.GENERATORS.createGenerator(out)) {
            json.writeStartObject().write("type", type);
            if (clientMsgId != null) {
                json.write("clientMsgId", clientMsgId);
            }
            MessageJson.write(json, "message", message);
            json.writeEnd();
        }
        return out.toString();
    }

    private static String frame(String type, Object... fields) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                frame.put((String) fields[i], fields[i + 1]);
            }
        }
        return JSON.toJson(frame);
    }
}
