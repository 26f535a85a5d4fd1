package it.dev.blau.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;

/** Rooms over REST: kinds, roles, membership, direct messages, unread counts, history paging, bad input. */
class RoomsIT {

    private final Chat chat = new Chat(Api.underTest());
    /** The test stack's second chat server: the same database and Kafka, its own memory. */
    private final Chat second = new Chat(new Api(URI.create(System.getProperty("blau.second.chat.url", "http://localhost:9083"))));

    private static List<String> ids(JsonObject room) {
        return room.getJsonArray("members").stream().map(JsonObject.class::cast).map(m -> m.getString("id")).toList();
    }

    @Test
    void anOwnerCreatesARoomWithLocationAndRolesAndOthersSeeItInTheirList() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        Api.Answer created = chat.call("POST", ana, "/rooms",
                Chat.room("design", "private", List.of(bob.id())));
        assertEquals(201, created.status(), created::toString);
        JsonObject room = created.json();
        assertTrue(created.header("Location").endsWith("/api/v1/chat/rooms/" + room.getString("id")));
        assertEquals("private", room.getString("visibility"));
        assertEquals(ana.id(), room.getString("ownerId"));
        assertEquals(2, room.getInt("memberCount"));
        assertEquals("owner", room.getJsonArray("members").getJsonObject(0).getString("role"));

        var list = chat.call("GET", bob, "/rooms", null).jsonArray();
        assertTrue(list.stream().map(JsonObject.class::cast).anyMatch(r -> r.getString("id").equals(room.getString("id"))
                && r.getString("role").equals("member")));
    }

    @Test
    void aFloodOfRoomsBuriesNobodysRoomsAndPublicRoomsAreBrowsedAndSearchedAPageAtATime() {
        ChatUser flooder = chat.newUser("fld");
        ChatUser victim = chat.newUser("vic");
        ChatUser friend = chat.newUser("frd");
        String token = "Zq" + UUID.randomUUID().toString().substring(0, 8);
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // names that sort before anyone's
            Api.Answer created = chat.call("POST", flooder, "/rooms", Chat.room("000 " + token + " " + i, "public", List.of()));
            assertEquals(201, created.status(), created::toString);
            flood.add(created.json().getString("id"));
        }
        Api.Answer refused = chat.call("POST", flooder, "/rooms", Chat.room("000 " + token + " more", "public", List.of()));
        assertEquals(429, refused.status(), refused::toString);
        assertEquals("https://blau.dev/problems/rate-limited", refused.json().getString("type"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) > 3000, "free again an hour after the first: " + refused);

        String privateRoom = chat.createRoom(friend, "private", victim);
        String publicRoom = chat.createRoom(friend, "public");
        chat.join(victim, publicRoom);
        chat.join(victim, flood.get(3));
        var mine = chat.call("GET", victim, "/rooms", null).jsonArray().stream().map(JsonObject.class::cast)
                .map(r -> r.getString("id")).toList();
        assertEquals(java.util.Set.of(privateRoom, publicRoom, flood.get(3)), java.util.Set.copyOf(mine),
                "exactly the caller's rooms, whatever else exists");

        // browsing: by any part of the name, any case, seven at a time, in name order, each once
        List<JsonObject> found = new ArrayList<>();
        String after = null;
        List<Integer> pageSizes = new ArrayList<>();
        do {
            String query = "/rooms/public?limit=7&q=" + token.substring(2).toUpperCase()
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            Api.Answer page = chat.call("GET", victim, query, null);
            assertEquals(200, page.status(), page::toString);
            page.json().getJsonArray("rooms").forEach(r -> found.add(r.asJsonObject()));
            pageSizes.add(page.json().getJsonArray("rooms").size());
            after = page.json().isNull("next") ? null : page.json().getString("next");
        } while (after != null && pageSizes.size() < 10);
        assertEquals(List.of(7, 7, 6), pageSizes);
        List<String> names = found.stream().map(r -> r.getString("name")).toList();
        assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), names, "name order");
        assertEquals(java.util.Set.copyOf(flood), found.stream().map(r -> r.getString("id")).collect(java.util.stream.Collectors.toSet()));
        assertTrue(found.stream().allMatch(r -> r.getInt("memberCount") >= 1));
        assertEquals(List.of(flood.get(3)), found.stream().filter(r -> r.getBoolean("joined")).map(r -> r.getString("id")).toList());

        assertEquals(0, chat.call("GET", victim, "/rooms/public?q=" + token + "%25", null).json().getJsonArray("rooms").size(),
                "% is a character, not a wildcard");
        Api.Answer badCursor = chat.call("GET", victim, "/rooms/public?after=not-a-cursor", null);
        assertEquals(400, badCursor.status(), badCursor::toString);
        assertEquals(400, chat.call("GET", victim, "/rooms/public?limit=500", null).status());
        var privateListed = chat.call("GET", flooder, "/rooms/public?limit=100&q=", null).json().getJsonArray("rooms");
        assertFalse(privateListed.toString().contains(privateRoom), "private rooms are never browsed");
    }

    @Test
    void onlyOwnersAndModeratorsManageAndOnlyTheOwnerDeletes() {
        ChatUser owner = chat.newUser("own");
        ChatUser mod = chat.newUser("mod");
        ChatUser member = chat.newUser("mem");
        String room = chat.createRoom(owner, "public", mod, member);
        assertEquals(403, chat.call("PUT", member, "/rooms/" + room, "{\"name\":\"mine now\"}").status());
        assertEquals(200, chat.call("PUT", owner, "/rooms/" + room + "/members/" + mod.id(), "{\"role\":\"moderator\"}").status());
        Api.Answer renamed = chat.call("PUT", mod, "/rooms/" + room, "{\"name\":\"renamed\"}");
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("renamed", renamed.json().getString("name"));
        assertEquals(403, chat.call("DELETE", mod, "/rooms/" + room, null).status());
        assertEquals(403, chat.call("DELETE", mod, "/rooms/" + room + "/members/" + owner.id(), null).status(),
                "nobody removes the owner");
        assertEquals(204, chat.call("DELETE", mod, "/rooms/" + room + "/members/" + member.id(), null).status());
        assertFalse(ids(chat.call("GET", owner, "/rooms/" + room, null).json()).contains(member.id()));
        assertEquals(204, chat.call("DELETE", owner, "/rooms/" + room, null).status());
        assertEquals(404, chat.call("GET", owner, "/rooms/" + room, null).status());
    }

    @Test
    void anOwnerWhoLeavesHandsTheRoomOver() {
        ChatUser owner = chat.newUser("own");
        ChatUser heir = chat.newUser("heir");
        String room = chat.createRoom(owner, "private", heir);
        assertEquals(204, chat.call("DELETE", owner, "/rooms/" + room + "/members/me", null).status());
        JsonObject after = chat.call("GET", heir, "/rooms/" + room, null).json();
        assertEquals(heir.id(), after.getString("ownerId"));
        assertEquals(404, chat.call("GET", owner, "/rooms/" + room, null).status(), "a private room is gone for who left");
    }

    @Test
    void aDirectRoomIsCreatedOncePerPair() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        Api.Answer first = chat.call("POST", ana, "/direct", "{\"userId\":\"" + bob.id() + "\"}");
        assertEquals(201, first.status(), first::toString);
        Api.Answer again = chat.call("POST", bob, "/direct", "{\"userId\":\"" + ana.id() + "\"}");
        assertEquals(first.json().getString("id"), again.json().getString("id"));
        assertEquals("direct", again.json().getString("visibility"));
        assertEquals(409, chat.call("DELETE", ana, "/rooms/" + first.json().getString("id") + "/members/me", null).status());
        assertEquals(404, chat.call("POST", ana, "/direct", "{\"userId\":\"nobody-" + UUID.randomUUID() + "\"}").status());
    }

    @Test
    void unreadCountsFollowOthersMessagesAndReadMarks() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        String room = chat.createRoom(ana, "private", bob);
        for (int i = 1; i <= 3; i++) {
            chat.send(ana, room, "u" + i, "hello " + i);
        }
        assertEquals(3, unread(chat, bob, room));
        assertEquals(0, unread(chat, ana, room), "own messages are never unread");

        chat.send(bob, room, "mine", "bob's own");
        JsonObject forBob = chat.call("GET", bob, "/rooms/" + room, null).json();
        assertEquals(0, forBob.getInt("unread"), "sending marks the room read up to one's own message");
        assertEquals(4, forBob.getInt("lastReadSeq"));
        assertEquals("bob's own", forBob.getJsonObject("lastMessage").getString("text"));
        assertEquals(1, unread(chat, ana, room));

        chat.send(ana, room, "u4", "hello 4");
        chat.send(ana, room, "u5", "hello 5");
        assertEquals(2, unread(chat, bob, room));
        assertEquals(204, chat.call("PUT", bob, "/rooms/" + room + "/read", "{\"seq\":5}").status());
        assertEquals(1, unread(chat, bob, room));
        assertEquals(204, chat.call("PUT", bob, "/rooms/" + room + "/read", "{\"seq\":1}").status());
        assertEquals(1, unread(chat, bob, room), "reading never goes back");
    }

    @Test
    void aSendMarksTheRoomReadOnEveryServerAndClearsTheSendersMentions() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        String room = chat.createRoom(ana, "private", bob);
        chat.send(ana, room, "m1", "@" + bob.username() + " have a look");
        chat.send(ana, room, "m2", "and this");
        JsonObject before = listed(second, bob, room);
        assertEquals(2, before.getInt("unread"));
        assertEquals(1, before.getInt("mentionUnread"));

        chat.send(bob, room, "answer", "looking");
        // the other server reads the mark from the database, where the sending server writes it within a second
        JsonObject after = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> listed(second, bob, room), r -> r.getInt("unread") == 0);
        assertEquals(0, after.getInt("mentionUnread"), "the mention before his answer is read");
        assertEquals(3, after.getInt("lastReadSeq"));
        assertEquals(1, listed(second, ana, room).getInt("unread"), "his answer is unread for her");
    }

    private static long unread(Chat via, ChatUser user, String roomId) {
        return listed(via, user, roomId).getInt("unread");
    }

    /** The room as it is in the user's room list. */
    private static JsonObject listed(Chat via, ChatUser user, String roomId) {
        return via.call("GET", user, "/rooms", null).jsonArray().stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("id").equals(roomId)).findFirst().orElseThrow();
    }

    @Test
    void historyPagesBackwardAndCatchesUpForward() {
        ChatUser ana = chat.newUser("ana");
        String room = chat.createRoom(ana, "private");
        for (int i = 1; i <= 7; i++) {
            assertEquals(201, chat.send(ana, room, "h" + i, "m" + i).status());
        }
        JsonObject newest = chat.history(ana, room, "?limit=3");
        assertEquals(List.of(7L, 6L, 5L), seqs(newest));
        assertTrue(newest.getBoolean("hasMore"));
        JsonObject older = chat.history(ana, room, "?before=5&limit=3");
        assertEquals(List.of(4L, 3L, 2L), seqs(older));
        JsonObject oldest = chat.history(ana, room, "?before=2&limit=3");
        assertEquals(List.of(1L), seqs(oldest));
        assertFalse(oldest.getBoolean("hasMore"));
        JsonObject caughtUp = chat.history(ana, room, "?after=4");
        assertEquals(List.of(5L, 6L, 7L), seqs(caughtUp));
        assertEquals(400, chat.call("GET", ana, "/rooms/" + room + "/messages?limit=101", null).status());
        assertEquals(400, chat.call("GET", ana, "/rooms/" + room + "/messages?before=1&after=2", null).status());
    }

    @Test
    void badInputIsAProblemWithFieldErrorsAndStoresNothing() {
        ChatUser ana = chat.newUser("ana");
        Api.Answer nameless = chat.call("POST", ana, "/rooms", "{\"visibility\":\"secret\"}");
        assertEquals(400, nameless.status());
        assertEquals("application/problem+json", nameless.contentType());
        List<String> fields = nameless.json().getJsonArray("errors").stream().map(JsonObject.class::cast)
                .map(e -> e.getString("field")).toList();
        assertTrue(fields.stream().anyMatch(f -> f.endsWith("name")), fields::toString);
        assertTrue(fields.stream().anyMatch(f -> f.endsWith("visibility")), fields::toString);

        String room = chat.createRoom(ana, "private");
        Api.Answer tooLong = chat.send(ana, room, "long", "x".repeat(4001));
        assertEquals(400, tooLong.status());
        assertEquals(201, chat.send(ana, room, "fits", "x".repeat(4000)).status());
        assertEquals(400, chat.call("POST", ana, "/rooms/" + room + "/messages", "{\"text\":\"no id\"}").status());
        assertEquals(400, chat.call("POST", ana, "/rooms/" + room + "/messages", "{\"text\":").status());
        assertEquals(List.of(1L), seqs(chat.history(ana, room, "?after=0")));
    }

    private static List<Long> seqs(JsonObject page) {
        return page.getJsonArray("messages").stream().map(JsonObject.class::cast)
                .map(m -> m.getJsonNumber("seq").longValue()).toList();
    }
}
