package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.GeneratedInput;

/**
 * Generated input on the REST API and the socket of the running server: whatever arrives, the
 * answer is a success or a clear refusal — never a 5xx, never a closed socket, never an
 * {@code internal} error — and afterwards the room's history holds exactly what was acked, 1..n
 * without a gap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputFuzzIT {

    static final int REQUESTS = 500;
    static final int FRAMES = 600;
    static final int FRAMES_PER_SOCKET = 60; // with a ping after each: within one connection's frame burst
    static final List<String> BODY_FIELDS = List.of("name", "visibility", "members", "text", "clientMsgId",
            "replyToSeq", "seq", "level", "userId", "role", "description");
    static final List<String> FRAME_FIELDS = List.of("roomId", "clientMsgId", "text", "lastSeq", "sinceVersion",
            "replyToSeq", "seq", "emoji", "on", "typing", "status", "token", "ref");
    static final List<String> FRAME_TYPES = List.of("join_room", "leave_room", "send_message", "edit_message",
            "delete_message", "react", "typing", "mark_read", "set_status", "auth", "ping", "shout");
    static final List<String> PATHS = List.of("/rooms", "/rooms/{room}", "/rooms/{room}/messages", "/rooms/{room}/read",
            "/rooms/{room}/notifications", "/rooms/{room}/messages/1", "/rooms/{room}/members", "/rooms/{room}/pins/1",
            "/direct", "/rooms/{room}/messages/1/reactions/%F0%9F%91%8D", "/rooms/{room}/messages?", "/rooms/{room}/changes?",
            "/rooms/public?", "/rooms/", "/rooms/{room}/messages/", "/rooms/{room}/messages/1/replies?");
    static final List<String> QUERY_NAMES = List.of("before", "after", "limit", "sinceVersion", "q");
    static final Set<String> INTERNAL_CODES = Set.of("internal");

    final Chat chat = new Chat(Api.underTest());
    final GeneratedInput input = GeneratedInput.fromSeedProperty();
    final TreeSet<Long> acked = new TreeSet<>();
    ChatUser owner;
    String room;

    @BeforeAll
    void aRoomWithOneMessage() {
        owner = chat.newUser("fuzz");
        room = chat.createRoom(owner, "public");
        Api.Answer first = chat.send(owner, room, "first", "the first message");
        assertEquals(201, first.status(), first::toString);
        acked.add(first.json().getJsonNumber("seq").longValue());
    }

    @Test
    void anyRequestIsASuccessOrAProblemAndARefusedOneStoresNoMessage() {
        for (int i = 0; i < REQUESTS; i++) {
            String method = input.oneOf(List.of("GET", "POST", "PUT", "PATCH"));
            String path = path();
            String body = input.chance(75) ? input.object(BODY_FIELDS).build().toString() : input.text(80);
            long lastBefore = lastSeq();

            String request = method + " " + path + " " + abbreviated(body) + ", " + input;
            Api.Answer answer;
            try {
                answer = chat.call(method, owner, path, body);
            } catch (java.io.UncheckedIOException unanswered) {
                throw new AssertionError("no answer to " + request, unanswered);
            }

            assertTrue(answer.status() < 500, () -> request + " → " + answer);
            if (hasControlCharacter(path)) { // the web container refuses it before any application sees it
                assertEquals(400, answer.status(), () -> request + " → " + answer);
                assertFalse(answer.json().getString("error_message").isBlank(), () -> request + " → " + answer);
            } else if (answer.status() >= 400) {
                assertEquals("application/problem+json", answer.contentType(), () -> request + " → " + answer);
                JsonObject problem = answer.json();
                assertFalse(problem.getString("type", "").isBlank(), () -> request + " → " + answer);
                assertEquals(answer.status(), problem.getInt("status"), () -> request + " → " + answer);
            }
            if (method.equals("POST") && path.split("\\?")[0].equals("/rooms/" + room + "/messages") && answer.status() == 201) {
                acked.add(answer.json().getJsonNumber("seq").longValue());
            } else {
                assertEquals(lastBefore, lastSeq(), () -> "a refused request took a seq: " + request + " → " + answer);
            }
        }
    }

    @Test
    void anyFrameIsAnsweredAndTheSocketStaysOpen() {
        ChatSocket socket = null;
        try {
            for (int i = 0; i < FRAMES; i++) {
                if (i % FRAMES_PER_SOCKET == 0) {
                    if (socket != null) {
                        socket.close();
                    }
                    socket = memberSocket();
                }
                String frame = frameText();
                int mark = socket.size();
                socket.send(frame);
                socket.send(frame("ping"));
                socket.await(type("pong"), mark);

                ChatSocket current = socket;
                assertFalse(current.isClosed(), () -> "closed after " + abbreviated(frame) + ": " + current.closeReason() + ", " + input);
                List<JsonObject> frames = socket.frames();
                for (JsonObject answer : frames.subList(mark, frames.size())) {
                    if (answer.getString("type").equals("error")) {
                        assertFalse(INTERNAL_CODES.contains(answer.getString("code")), () -> abbreviated(frame) + " → " + answer + ", " + input);
                        assertFalse(answer.getString("message", "").isBlank(), answer::toString);
                    } else if (answer.getString("type").equals("ack") && room.equals(answer.getJsonObject("message").getString("roomId"))) {
                        acked.add(answer.getJsonObject("message").getJsonNumber("seq").longValue());
                    }
                }
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    @Test
    void aNumberNoSeqCanBeIsRefusedInsteadOfTakenAsAnotherSeq() {
        for (String number : List.of("1e30", "18446744073709551617", "1e1000000000", "1.5")) {
            Api.Answer read = chat.call("PUT", owner, "/rooms/" + room + "/read", "{\"seq\":" + number + "}");
            assertEquals(400, read.status(), () -> number + " → " + read);
            long lastBefore = lastSeq();
            Api.Answer reply = chat.call("POST", owner, "/rooms/" + room + "/messages",
                    "{\"text\":\"a reply\",\"clientMsgId\":\"reply-" + number + "\",\"replyToSeq\":" + number + "}");
            assertEquals(400, reply.status(), () -> number + " → " + reply);
            assertEquals("https://blau.dev/problems/malformed-body", reply.json().getString("type"));
            assertEquals(lastBefore, lastSeq());
        }
    }

    @Test
    void aBodyCutOffInsideAnUnknownPropertyIsAnsweredAtOnce() { // it once held a thread for ever
        for (String body : List.of("{\"type\":{\"a\":1", "{\"text\":\"x\",\"clientMsgId\":\"c\",\"extra\":[{\"a\":")) {
            Api.Answer edit = chat.call("PATCH", owner, "/rooms/" + room + "/messages/1", body);
            assertEquals(400, edit.status(), () -> body + " → " + edit);
            assertEquals("https://blau.dev/problems/malformed-body", edit.json().getString("type"));
            Api.Answer send = chat.call("POST", owner, "/rooms/" + room + "/messages", body);
            assertEquals(400, send.status(), () -> body + " → " + send);
        }
    }

    @Test
    void aNulCharacterIsRefusedInTheBodyTheQueryAndAFrame() { // PostgreSQL text cannot hold U+0000
        Api.Answer named = chat.call("POST", owner, "/rooms", "{\"name\":\"a\\u0000b\",\"visibility\":\"public\"}");
        assertEquals(400, named.status(), named::toString);
        assertEquals("https://blau.dev/problems/validation", named.json().getString("type"));
        Api.Answer searched = chat.call("GET", owner, "/rooms/public?q=a%00b", null);
        assertEquals(400, searched.status(), searched::toString);
        assertEquals("https://blau.dev/problems/validation", searched.json().getString("type"));
        long lastBefore = lastSeq();
        Api.Answer inPath = chat.call("POST", owner, "/rooms/" + room + "/messages/%00", "{\"text\":\"x\",\"clientMsgId\":\"nul-path\"}");
        assertEquals(400, inPath.status(), inPath::toString); // refused by the web container, before any application
        assertTrue(hasControlCharacter("/rooms/" + room + "/messages/%00"));
        assertEquals(lastBefore, lastSeq());

        ChatSocket socket = memberSocket();
        try {
            int mark = socket.size();
            socket.send("{\"type\":\"join_room\",\"roomId\":\"\\u0000\"}");
            JsonObject refusal = socket.await(type("error"), mark);
            assertEquals("validation", refusal.getString("code"), refusal::toString);
            assertFalse(socket.isClosed());
        } finally {
            socket.close();
        }
    }

    @AfterAll
    void theHistoryHoldsExactlyWhatWasAckedWithoutAGap() {
        TreeSet<Long> stored = new TreeSet<>();
        long after = 0;
        while (true) {
            JsonObject page = chat.history(owner, room, "?after=" + after + "&limit=100");
            page.getJsonArray("messages").forEach(m -> stored.add(m.asJsonObject().getJsonNumber("seq").longValue()));
            if (!page.getBoolean("hasMore")) {
                break;
            }
            after = stored.last();
        }
        assertEquals(acked, stored, () -> "stored seqs are the acked ones, " + input);
        assertEquals(stored.size(), stored.last(), () -> "seqs 1..n without a gap: " + stored);
    }

    /** A fresh member, added by the owner (the requests may have made the room private), on a fresh socket. */
    ChatSocket memberSocket() {
        ChatUser member = chat.newUser("fuzz");
        Api.Answer added = chat.call("POST", owner, "/rooms/" + room + "/members",
                Json.createObjectBuilder().add("userId", member.id()).build().toString());
        assertEquals(200, added.status(), added::toString);
        ChatSocket socket = chat.connect(member);
        socket.join(room, null);
        return socket;
    }

    String path() {
        String path = input.oneOf(PATHS).replace("{room}", room);
        if (path.endsWith("?")) {
            return path + input.oneOf(QUERY_NAMES) + "=" + encode(queryValue()) + "&" + input.oneOf(QUERY_NAMES) + "=" + encode(queryValue());
        }
        return path.endsWith("/") ? path + encode(input.chance(50) ? input.number() : input.codePoints(40)) : path;
    }

    String queryValue() {
        return input.chance(50) ? input.number() : input.codePoints(20);
    }

    String frameText() {
        if (input.chance(15)) {
            return input.text(100);
        }
        var frame = input.object(FRAME_FIELDS).add("type", input.oneOf(FRAME_TYPES));
        if (input.chance(50)) {
            frame.add("roomId", room);
        }
        return frame.build().toString();
    }

    long lastSeq() {
        JsonObject page = chat.history(owner, room, "?limit=1");
        return page.getJsonArray("messages").isEmpty() ? 0
                : page.getJsonArray("messages").getJsonObject(0).getJsonNumber("seq").longValue();
    }

    /** A control character (U+0000–U+001F, U+007F) in the decoded path, as Liberty's web container checks it. */
    static boolean hasControlCharacter(String path) {
        String decodedPath = URLDecoder.decode(path.split("\\?")[0], StandardCharsets.UTF_8);
        return decodedPath.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " characters)";
    }
}
