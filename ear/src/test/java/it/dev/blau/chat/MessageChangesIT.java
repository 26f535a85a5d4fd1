package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;

/**
 * Edits, deletions, reactions, replies, mentions and pins, over REST and the WebSocket, on two
 * chat servers: every change takes the room's next version, reaches every server as
 * {@code message_updated}, and a member who was away gets the current state of everything that
 * changed when it rejoins with {@code sinceVersion}.
 */
class MessageChangesIT {

    private static final String THUMBS_UP = "\uD83D\uDC4D";
    private static final String FAMILY = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // one grapheme, 8 chars
    private static final String PARTY = "\uD83C\uDF89";

    private final Chat one = new Chat(Api.underTest());
    private final Chat two = new Chat(new Api(URI.create(System.getProperty("blau.second.chat.url", "http://localhost:9083"))));

    @Test
    void editsReactionsPinsAndDeletionsReachTheOtherServerEachWithTheNextVersion() {
        ChatUser ana = one.newUser("ana");
        ChatUser bob = one.newUser("bob");
        String room = one.createRoom(ana, "private", bob);
        long first = seq(one.send(ana, room, "c1", "hello from ana").json());
        try (ChatSocket a = one.connect(ana); ChatSocket b = connectToSecond(bob)) {
            assertEquals(0, a.join(room, null).getJsonNumber("version").longValue());
            b.join(room, null);

            int mark = a.size();
            b.send(frame("send_message", "roomId", room, "clientMsgId", "c2", "text", "helo"));
            long second = seq(b.await(type("ack")).getJsonObject("message"));
            b.send(frame("edit_message", "roomId", room, "seq", second, "text", "hello from bob"));
            JsonObject edited = a.await(updated(second, 1), mark).getJsonObject("message");
            assertEquals("hello from bob", edited.getString("text"));
            assertTrue(edited.containsKey("editedAt"));

            assertEquals(403, call(ana, "PATCH", room, "/messages/" + second, text("not mine")).status(),
                    "only the author edits");
            Api.Answer same = call(bob, "PATCH", room, "/messages/" + second, text("hello from bob"));
            assertEquals(200, same.status());
            assertEquals(1, same.json().getJsonNumber("version").longValue(), "the same text again is no change");

            Api.Answer reacted = call(ana, "PUT", room, "/messages/" + first + "/reactions/" + encode(THUMBS_UP), null);
            assertEquals(200, reacted.status(), reacted.toString());
            JsonObject reaction = reacted.json().getJsonArray("reactions").getJsonObject(0);
            assertEquals(THUMBS_UP, reaction.getString("emoji"));
            assertEquals(1, reaction.getInt("count"));
            assertTrue(reaction.getBoolean("me"));
            assertEquals(2, reacted.json().getJsonNumber("version").longValue());
            assertEquals(2, call(ana, "PUT", room, "/messages/" + first + "/reactions/" + encode(THUMBS_UP), null)
                    .json().getJsonNumber("version").longValue(), "reacting twice is reacting once");
            b.await(updated(first, 2));

            mark = a.size();
            b.send(frame("react", "roomId", room, "seq", first, "emoji", FAMILY, "on", true));
            JsonObject both = a.await(updated(first, 3), mark).getJsonObject("message");
            assertEquals(List.of(1, 1), both.getJsonArray("reactions").stream()
                    .map(r -> r.asJsonObject().getInt("count")).toList());
            assertEquals(List.of(bob.id()), both.getJsonArray("reactions").getJsonObject(1).getJsonArray("userIds")
                    .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());

            for (String notOne : List.of("ab", THUMBS_UP + THUMBS_UP, "x" + THUMBS_UP)) {
                Api.Answer refused = call(ana, "PUT", room, "/messages/" + first + "/reactions/" + encode(notOne), null);
                assertEquals(400, refused.status(), notOne);
                assertEquals("emoji", refused.json().getJsonArray("errors").getJsonObject(0).getString("field"));
            }
            mark = b.size();
            b.send(frame("react", "roomId", room, "seq", first, "emoji", "no", "on", true, "ref", "r1"));
            JsonObject error = b.await(type("error"), mark);
            assertEquals("validation", error.getString("code"));
            assertEquals("r1", error.getString("ref"));

            assertEquals(403, call(bob, "PUT", room, "/pins/" + first, null).status(), "members do not pin");
            Api.Answer pinned = call(ana, "PUT", room, "/pins/" + first, null);
            assertTrue(pinned.json().getBoolean("pinned"));
            assertEquals(List.of(first), call(bob, "GET", room, "/pins", null).jsonArray().stream()
                    .map(m -> seq(m.asJsonObject())).toList());

            mark = a.size();
            assertEquals(204, call(bob, "DELETE", room, "/messages/" + second, null).status());
            JsonObject tombstone = a.await(updated(second, 5), mark).getJsonObject("message");
            assertTrue(tombstone.getBoolean("deleted"));
            assertEquals("", tombstone.getString("text"));
            assertEquals(second, seq(tombstone), "the seq stays");
            assertEquals(204, call(bob, "DELETE", room, "/messages/" + second, null).status(), "deleting again is fine");
            assertEquals("message-not-found", problem(call(ana, "PUT", room, "/messages/" + second + "/reactions/"
                    + encode(THUMBS_UP), null)), "a deleted message takes no reactions");
            assertEquals("message-not-found", problem(call(bob, "PATCH", room, "/messages/" + second, text("back"))));
            assertEquals("message-not-found", problem(call(ana, "PATCH", room, "/messages/999", text("none"))));
            assertEquals(403, call(bob, "DELETE", room, "/messages/" + first, null).status(),
                    "members delete only their own");
            assertEquals(5, one.history(ana, room, "?limit=2").getJsonArray("messages").stream()
                    .mapToLong(m -> m.asJsonObject().getJsonNumber("version").longValue()).max().orElseThrow());
        }
    }

    @Test
    void whatChangedWhileAMemberWasAwayReachesItOnTheOtherServerWhenItRejoins() {
        ChatUser ana = one.newUser("ana");
        ChatUser bob = one.newUser("bob");
        String room = one.createRoom(ana, "private", bob);
        for (int i = 1; i <= 3; i++) {
            one.send(ana, room, "c" + i, "message " + i);
        }
        long version;
        try (ChatSocket b = connectToSecond(bob)) {
            JsonObject joined = b.join(room, 0L);
            assertEquals(3, joined.getJsonNumber("lastSeq").longValue());
            version = joined.getJsonNumber("version").longValue();
        }
        // bob is away: his messages are edited, deleted, reacted to, answered
        assertEquals(200, call(ana, "PATCH", room, "/messages/1", text("message 1, edited")).status());
        assertEquals(204, call(ana, "DELETE", room, "/messages/2", null).status());
        assertEquals(200, call(ana, "PUT", room, "/messages/3/reactions/" + encode(PARTY), null).status());
        Api.Answer reply = call(ana, "POST", room, "/messages", Json.createObjectBuilder().add("clientMsgId", "c4")
                .add("text", "an answer to 1").add("replyToSeq", 1).build().toString());
        assertEquals(201, reply.status());
        assertEquals(1, reply.json().getJsonObject("replyTo").getJsonNumber("seq").longValue());

        try (ChatSocket b = connectToSecond(bob)) {
            b.send(frame("join_room", "roomId", room, "lastSeq", 3L, "sinceVersion", version));
            JsonObject joined = b.await(type("joined"));
            assertEquals(4, joined.getJsonNumber("lastSeq").longValue());
            assertEquals(version + 4, joined.getJsonNumber("version").longValue(), "edit, deletion, reaction, reply count");
            List<JsonObject> frames = b.frames().stream().filter(type("message_received").or(type("message_updated")))
                    .toList();
            assertEquals(List.of("message_received", "message_updated", "message_updated", "message_updated"),
                    frames.stream().map(f -> f.getString("type")).toList(), "the missed message, then each change once");
            assertEquals(List.of(4L, 2L, 3L, 1L), frames.stream().map(f -> seq(f.getJsonObject("message"))).toList(),
                    "changes in the order of their latest version");
            JsonObject root = frames.get(3).getJsonObject("message");
            assertEquals("message 1, edited", root.getString("text"));
            assertEquals(1, root.getInt("replyCount"));
            assertTrue(frames.get(1).getJsonObject("message").getBoolean("deleted"));
            assertEquals(PARTY, frames.get(2).getJsonObject("message").getJsonArray("reactions").getJsonObject(0)
                    .getString("emoji"));
        }

        JsonObject page = call(bob, "GET", room, "/changes?sinceVersion=" + version + "&limit=2", null).json();
        assertEquals(version + 2, page.getJsonNumber("version").longValue());
        assertTrue(page.getBoolean("hasMore"));
        JsonObject rest = call(bob, "GET", room, "/changes?sinceVersion=" + (version + 2), null).json();
        assertFalse(rest.getBoolean("hasMore"));
        assertEquals(List.of(3L, 1L), rest.getJsonArray("messages").stream().map(m -> seq(m.asJsonObject())).toList());
    }

    @Test
    void repliesFormOneThreadPerRootAndMentionsNameMembersOnly() {
        ChatUser ana = one.newUser("ana");
        ChatUser bob = one.newUser("bob");
        ChatUser carl = one.newUser("carl");
        String room = one.createRoom(ana, "private", bob);
        long root = seq(one.send(ana, room, "r", "the plan").json());
        long firstReply = seq(reply(bob, room, "a1", "first answer", root));
        long secondReply = seq(reply(ana, room, "a2", "an answer to the answer", firstReply));
        JsonObject thread = call(bob, "GET", room, "/messages/" + root + "/replies", null).json();
        assertEquals(List.of(firstReply, secondReply), thread.getJsonArray("messages").stream()
                .map(m -> seq(m.asJsonObject())).toList(), "an answer to a reply joins the root's thread");
        assertEquals(List.of(secondReply), call(bob, "GET", room, "/messages/" + root + "/replies?after=" + firstReply,
                null).json().getJsonArray("messages").stream().map(m -> seq(m.asJsonObject())).toList());
        assertEquals(2, one.history(ana, room, "?after=" + (root - 1) + "&limit=1").getJsonArray("messages")
                .getJsonObject(0).getInt("replyCount"));
        assertEquals(secondReply, seq(reply(ana, room, "a2", "an answer to the answer", firstReply)),
                "a retried reply is the same reply");
        assertEquals(2, one.history(ana, room, "?after=" + (root - 1) + "&limit=1").getJsonArray("messages")
                .getJsonObject(0).getInt("replyCount"), "and is not counted twice");
        assertEquals("message-not-found", problem(call(ana, "POST", room, "/messages", Json.createObjectBuilder()
                .add("clientMsgId", "a3").add("text", "to nothing").add("replyToSeq", 999).build().toString())));

        JsonObject named = one.send(bob, room, "m1", "@" + ana.username() + " and @" + carl.username()
                + ", see @nobody").json();
        assertEquals(List.of(ana.id()), named.getJsonArray("mentions").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList(), "a non-member is not named");
        assertFalse(one.send(bob, room, "m2", "@room hello").json().containsKey("mentionsRoom"),
                "only those who run the room mention it");
        // unread mentions per member, gone once read (a send of one's own reads the room); what each
        // is notified of, kept on the server
        assertEquals(1, details(ana, room).getInt("mentionUnread"), "bob named her once; his @room counts for nobody");
        assertTrue(one.send(ana, room, "m3", "@room hello").json().getBoolean("mentionsRoom"));
        assertEquals("room-not-found", problem(call(carl, "PATCH", room, "/messages/" + root, text("x"))),
                "a room one may not read looks missing");
        assertEquals(0, details(ana, room).getInt("mentionUnread"), "she wrote since: the room is read");
        assertEquals(1, details(bob, room).getInt("mentionUnread"), "ana's @room");
        long last = seq(one.history(bob, room, "?limit=1").getJsonArray("messages").getJsonObject(0));
        assertEquals(204, call(bob, "PUT", room, "/read", "{\"seq\":" + last + "}").status());
        assertEquals(0, details(bob, room).getInt("mentionUnread"));
        assertEquals("all", details(bob, room).getString("notifications"));
        Api.Answer quiet = call(bob, "PUT", room, "/notifications", "{\"level\":\"mentions\"}");
        assertEquals(200, quiet.status(), quiet.toString());
        assertEquals("mentions", quiet.json().getString("notifications"));
        assertEquals("mentions", one.call("GET", bob, "/rooms", null).jsonArray().stream().map(r -> r.asJsonObject())
                .filter(r -> room.equals(r.getString("id"))).findFirst().orElseThrow().getString("notifications"));
        assertEquals(400, call(bob, "PUT", room, "/notifications", "{\"level\":\"loud\"}").status());
    }

    private JsonObject details(ChatUser user, String room) {
        return call(user, "GET", room, "", null).json();
    }

    private JsonObject reply(ChatUser user, String room, String clientMsgId, String text, long to) {
        Api.Answer answer = call(user, "POST", room, "/messages", Json.createObjectBuilder().add("clientMsgId", clientMsgId)
                .add("text", text).add("replyToSeq", to).build().toString());
        assertEquals(201, answer.status(), answer.toString());
        return answer.json();
    }

    private Api.Answer call(ChatUser user, String method, String room, String path, String json) {
        return one.call(method, user, "/rooms/" + room + path, json);
    }

    private static Predicate<JsonObject> updated(long seq, long version) {
        return f -> "message_updated".equals(f.getString("type")) && seq(f.getJsonObject("message")) == seq
                && f.getJsonObject("message").getJsonNumber("version").longValue() == version;
    }

    private static long seq(JsonObject message) {
        return message.getJsonNumber("seq").longValue();
    }

    private static String text(String text) {
        return Json.createObjectBuilder().add("text", text).build().toString();
    }

    private static String encode(String emoji) {
        return URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String problem(Api.Answer answer) {
        String type = answer.json().getString("type");
        return type.substring(type.lastIndexOf('/') + 1);
    }

    private ChatSocket connectToSecond(ChatUser user) {
        return ChatSocket.open(two.api().base(), one.ticket(user), ChatSocket.ALLOWED_ORIGIN);
    }
}
