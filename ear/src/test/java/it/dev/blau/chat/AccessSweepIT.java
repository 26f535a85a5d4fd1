package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;

/**
 * A user who does not belong to a private room tries every REST route and every WebSocket
 * action on it: every answer is the one for a room that does not exist, and nothing of the
 * room (name, messages, typing, members) reaches them.
 */
class AccessSweepIT {

    private final Chat chat = new Chat(Api.underTest());

    @Test
    void aNonMemberCannotReadSendTypeOrLearnOfAPrivateRoom() {
        ChatUser owner = chat.newUser("own");
        ChatUser outsider = chat.newUser("out");
        String secretName = "secret-" + UUID.randomUUID();
        String room = chat.call("POST", owner, "/rooms", Chat.room(secretName, "private", List.of())).json().getString("id");
        chat.send(owner, room, "s1", "the secret plan");
        String missing = UUID.randomUUID().toString();

        record Call(String method, String path, String body) { }
        List<Call> calls = List.of(
                new Call("GET", "/rooms/%s", null),
                new Call("PUT", "/rooms/%s", "{\"name\":\"taken over\"}"),
                new Call("DELETE", "/rooms/%s", null),
                new Call("PUT", "/rooms/%s/members/me", null),
                new Call("DELETE", "/rooms/%s/members/me", null),
                new Call("POST", "/rooms/%s/members", "{\"userId\":\"" + outsider.id() + "\"}"),
                new Call("PUT", "/rooms/%s/members/" + owner.id(), "{\"role\":\"member\"}"),
                new Call("DELETE", "/rooms/%s/members/" + owner.id(), null),
                new Call("PUT", "/rooms/%s/read", "{\"seq\":1}"),
                new Call("GET", "/rooms/%s/messages", null),
                new Call("GET", "/rooms/%s/messages?after=0", null),
                new Call("POST", "/rooms/%s/messages", Chat.message("x", "let me in")),
                new Call("PATCH", "/rooms/%s/messages/1", "{\"text\":\"rewritten\"}"),
                new Call("DELETE", "/rooms/%s/messages/1", null),
                new Call("PUT", "/rooms/%s/messages/1/reactions/%%F0%%9F%%91%%8D", null),
                new Call("DELETE", "/rooms/%s/messages/1/reactions/%%F0%%9F%%91%%8D", null),
                new Call("GET", "/rooms/%s/messages/1/replies", null),
                new Call("GET", "/rooms/%s/changes?sinceVersion=0", null),
                new Call("GET", "/rooms/%s/pins", null),
                new Call("PUT", "/rooms/%s/pins/1", null),
                new Call("DELETE", "/rooms/%s/pins/1", null),
                new Call("PUT", "/rooms/%s/notifications", "{\"level\":\"none\"}"));
        for (Call call : calls) {
            Api.Answer onPrivate = chat.call(call.method(), outsider, call.path().formatted(room), call.body());
            Api.Answer onMissing = chat.call(call.method(), outsider, call.path().formatted(missing), call.body());
            String what = call.method() + " " + call.path();
            assertEquals(404, onPrivate.status(), what + ": " + onPrivate);
            assertEquals(onMissing.status(), onPrivate.status(), what);
            assertEquals(onMissing.json().getString("type"), onPrivate.json().getString("type"), what);
            assertFalse(onPrivate.body().contains(secretName) || onPrivate.body().contains("secret plan"), what);
        }
        var listed = chat.call("GET", outsider, "/rooms", null).jsonArray();
        assertFalse(listed.toString().contains(room), "not even listed");

        try (ChatSocket socket = chat.connect(outsider); ChatSocket ownerSocket = chat.connect(owner)) {
            ownerSocket.join(room, 0L);
            for (JsonObject action : List.of(
                    frame("join_room", "roomId", room, "lastSeq", 0L),
                    frame("send_message", "roomId", room, "clientMsgId", "c1", "text", "hi"),
                    frame("typing", "roomId", room, "typing", true),
                    frame("mark_read", "roomId", room, "seq", 1L),
                    frame("edit_message", "roomId", room, "seq", 1L, "text", "rewritten"),
                    frame("delete_message", "roomId", room, "seq", 1L),
                    frame("react", "roomId", room, "seq", 1L, "emoji", "\uD83D\uDC4D", "on", true))) {
                int mark = socket.size();
                socket.send(action);
                JsonObject error = socket.await(type("error"), mark);
                assertEquals("room-not-found", error.getString("code"), action.toString());
            }
            // the outsider learnt nothing: no message, typing, member or room frame about the room
            assertTrue(socket.frames().stream().noneMatch(f -> f.toString().contains("secret plan")
                    || f.toString().contains(secretName) || "message_received".equals(f.getString("type"))
                    || "typing".equals(f.getString("type"))));
            int ownerMark = ownerSocket.size();
            ownerSocket.send(frame("ping"));
            ownerSocket.await(type("pong"), ownerMark);
            assertTrue(ownerSocket.frames().stream().skip(ownerMark).noneMatch(type("typing")), "the outsider's typing went nowhere");
        }
        assertEquals(1, chat.history(owner, room, "?after=0").getJsonArray("messages").size(), "nothing stored");
    }
}
