package it.dev.blau.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.LocalStackControl;
import dev.blau.testing.Users;

/**
 * Message search: the projection in PostgreSQL is fed from the chat events by its own consumer
 * group, so every assertion on something new waits until it has been indexed; what may be read
 * is decided when the search runs.
 */
class SearchIT {

    /** How long indexing may take here; it is asynchronous, not a promise of speed. */
    private static final Duration INDEXED = Duration.ofSeconds(60);

    private final Chat chat = new Chat(Api.underTest());

    @Test
    void findsWordsWhateverTheirAccentsSubstringsUrlPartsAndPhrasesWithHighlights() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        String roomName = "release-" + UUID.randomUUID().toString().substring(0, 8);
        String room = createRoom(ana, roomName, "private", bob);
        String done = "Ação concluída no deploy";
        String url = "the service was redeployed at https://example.com/blau/pull/42 today";
        String shout = "ACAO em maiúsculas";
        send(ana, room, done);
        send(bob, room, url);
        send(ana, room, "nothing to see here");
        send(ana, room, shout);

        List<JsonObject> accents = awaitResults(bob, "acao", 2);
        assertEquals(List.of(shout, done), texts(accents), "newest first, accents and case aside");
        assertEquals(List.of(List.of(0, 4)), highlights(accents.get(0)));
        assertEquals(List.of(List.of(0, 4)), highlights(accents.get(1)));
        assertEquals(roomName, accents.get(0).getString("roomName"));
        assertEquals(room, accents.get(0).getJsonObject("message").getString("roomId"));

        List<JsonObject> deploy = results(bob, "deploy");
        assertEquals(List.of(url, done), texts(deploy), "a substring finds the longer word");
        int at = url.indexOf("deploy");
        assertEquals(List.of(List.of(at, at + 6)), highlights(deploy.get(0)));

        for (String part : List.of("pull/42", "example.com", "https://example.com/blau")) {
            List<JsonObject> found = results(bob, part);
            assertEquals(List.of(url), texts(found), part);
            int start = url.indexOf(part);
            assertEquals(List.of(List.of(start, start + part.length())), highlights(found.get(0)), part);
        }
        assertEquals(List.of(done), texts(results(ana, "\"CONCLUIDA no\"")), "a phrase, as written");
        assertEquals(List.of(), texts(results(ana, "\"no concluída\"")), "a phrase is not its words in any order");
        assertEquals(List.of(done), texts(results(ana, "acao deploy")), "every word must match");
        assertEquals(List.of(url), texts(results(ana, "from:@" + bob.username())));
        assertEquals(List.of(done), texts(results(ana, "deploy from:@" + ana.username().toUpperCase())));
        assertEquals(List.of(shout, done), texts(results(ana, "acao in:#" + roomName)));
        assertEquals(List.of(), texts(results(ana, "acao in:#no-such-room-" + roomName)));
        List<JsonObject> ranked = results(ana, "acao", "&sort=relevance");
        assertEquals(new HashSet<>(List.of(shout, done)), new HashSet<>(texts(ranked)));
    }

    @Test
    void outsidersNeverSeeAPrivateRoomsMessagesAndMembershipCountsAtOnce() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        ChatUser eve = chat.newUser("eve");
        String secretName = "secret-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = createRoom(ana, secretName, "private", bob);
        String lobby = createRoom(ana, "lobby-" + UUID.randomUUID().toString().substring(0, 8), "public");
        send(ana, secret, "the zanzibar plan is private");
        send(ana, lobby, "the zanzibar plan, public part");

        awaitResults(bob, "zanzibar", 1);
        assertEquals(List.of("the zanzibar plan, public part", "the zanzibar plan is private"),
                texts(awaitResults(ana, "zanzibar", 2)), "a member of both rooms finds both, newest first");
        assertEquals(List.of("the zanzibar plan is private"), texts(results(bob, "zanzibar")));
        assertEquals(List.of(), texts(results(eve, "zanzibar")), "an outsider's search covers their own rooms");
        assertEquals(List.of(), texts(results(eve, "zanzibar in:#" + secretName)));
        Api.Answer refused = search(eve, "zanzibar", "&roomId=" + secret);
        assertEquals(404, refused.status(), "a private room is not there for an outsider: " + refused);
        assertEquals("room-not-found", code(refused));
        assertEquals(List.of("the zanzibar plan, public part"), texts(awaitResults(eve, "zanzibar", "&roomId=" + lobby, 1)),
                "a public room can be searched by anyone who may read it");

        assertEquals(204, chat.call("DELETE", ana, "/rooms/" + secret + "/members/" + bob.id(), null).status());
        assertEquals(List.of(), texts(results(bob, "zanzibar")), "a removed member finds nothing there at once");
        assertEquals(404, search(bob, "zanzibar", "&roomId=" + secret).status());
    }

    @Test
    void anEditIsFoundAsEditedAndADeletedMessageIsGoneAtOnce() {
        ChatUser ana = chat.newUser("ana");
        String room = createRoom(ana, "edits-" + UUID.randomUUID().toString().substring(0, 8), "private");
        long seq = send(ana, room, "first draft with a quokka");
        awaitResults(ana, "quokka", 1);

        Api.Answer edited = chat.call("PATCH", ana, "/rooms/" + room + "/messages/" + seq,
                Json.createObjectBuilder().add("text", "final text with a wombat").build().toString());
        assertEquals(200, edited.status(), edited.toString());
        JsonObject found = awaitResults(ana, "wombat", 1).get(0).getJsonObject("message");
        assertEquals("final text with a wombat", found.getString("text"));
        assertNotNull(found.getString("editedAt", null), "found as edited");
        await().atMost(INDEXED).until(() -> results(ana, "quokka").isEmpty());

        assertEquals(204, chat.call("DELETE", ana, "/rooms/" + room + "/messages/" + seq, null).status());
        assertEquals(List.of(), results(ana, "wombat"), "a deleted message is never a result, even before the index hears of it");
    }

    @Test
    void theIndexCatchesUpWithWhatWasSentWhileKafkaWasStopped() {
        ChatUser ana = chat.newUser("ana");
        String room = createRoom(ana, "outage-" + UUID.randomUUID().toString().substring(0, 8), "private");
        LocalStackControl stack = LocalStackControl.ofThisBuild();
        stack.stop("kafka");
        try {
            for (int i = 1; i <= 3; i++) {
                send(ana, room, "sent during the outage, capybara number " + i);
            }
        } finally {
            stack.start("kafka");
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> results(ana, "capybara").size() == 3);
        assertEquals(List.of(3L, 2L, 1L), results(ana, "capybara").stream()
                .map(r -> r.getJsonObject("message").getJsonNumber("seq").longValue()).toList());
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatsInEitherOrder() {
        ChatUser ana = chat.newUser("ana");
        String room = createRoom(ana, "pages-" + UUID.randomUUID().toString().substring(0, 8), "private");
        for (int i = 1; i <= 23; i++) {
            send(ana, room, "kiwi report " + i + (i % 5 == 0 ? " kiwi kiwi" : ""));
        }
        awaitResults(ana, "kiwi", 20);
        await().atMost(INDEXED).until(() -> all(ana, "kiwi", "newest").size() == 23);

        List<Long> newest = all(ana, "kiwi", "newest");
        List<Long> descending = new ArrayList<>();
        for (long seq = 23; seq >= 1; seq--) {
            descending.add(seq);
        }
        assertEquals(descending, newest, "newest first across pages, each once");
        List<Long> ranked = all(ana, "kiwi", "relevance");
        assertEquals(new HashSet<>(descending), new HashSet<>(ranked));
        assertEquals(23, ranked.size(), "no repeats by relevance either");
        assertEquals(List.of(5L, 10L, 15L, 20L), ranked.subList(0, 4).stream().sorted().toList(),
                "the messages that say it three times rank first");
    }

    @Test
    void anAdministratorRebuildsTheIndexFromTheStore() throws Exception {
        ChatUser ana = chat.newUser("ana");
        String room = createRoom(ana, "rebuild-" + UUID.randomUUID().toString().substring(0, 8), "private");
        send(ana, room, "the marmoset was here");
        awaitResults(ana, "marmoset", 1);
        // the index loses the room, as after restoring an older backup of PostgreSQL
        try (Connection db = DriverManager.getConnection(System.getProperty("blau.postgres.url",
                "jdbc:postgresql://127.0.0.1:15432/blau"), "blau", "blau");
             PreparedStatement forget = db.prepareStatement("DELETE FROM chat.message_search WHERE room_id = ?")) {
            forget.setString(1, room);
            assertEquals(1, forget.executeUpdate());
        }
        assertEquals(List.of(), results(ana, "marmoset"));

        assertEquals(403, chat.call("POST", ana, "/admin/search/rebuild", null).status(), "administrators only");
        assertEquals(403, chat.call("GET", ana, "/admin/search/rebuild", null).status());
        assertEquals(401, chat.call("POST", null, "/admin/search/rebuild", null).status());
        ChatUser admin = chat.newUser("admin");
        KeycloakAdmin.ofLocalStack().grantRealmRole(admin.id(), "admin");
        ChatUser signedInAgain = new ChatUser(admin.id(), admin.username(),
                new Users(chat.api()).accessToken(admin.username()));
        Api.Answer started = chat.call("POST", signedInAgain, "/admin/search/rebuild", null);
        assertEquals(202, started.status(), started.toString());
        assertEquals("running", started.json().getString("state"));
        JsonObject done = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> chat.call("GET", signedInAgain, "/admin/search/rebuild", null).json(),
                        progress -> !"running".equals(progress.getString("state")));
        assertEquals("done", done.getString("state"), done.toString());
        assertTrue(done.getJsonNumber("messages").longValue() >= 1);
        assertEquals(List.of("the marmoset was here"), texts(results(ana, "marmoset")));
    }

    @Test
    void aBadSearchIsAClearProblem() {
        ChatUser ana = chat.newUser("ana");
        String room = createRoom(ana, "bad-" + UUID.randomUUID().toString().substring(0, 8), "private");
        for (String q : List.of("", "ab", "a \"b\"", "in:#" + room, "x".repeat(201))) {
            Api.Answer answer = search(ana, q, "");
            assertEquals(400, answer.status(), q + ": " + answer);
            assertEquals("invalid-query", code(answer), q);
            assertTrue(answer.contentType().startsWith("application/problem+json"));
            assertFalse(answer.json().getString("detail").isBlank());
        }
        assertEquals(400, chat.call("GET", ana, "/search", null).status(), "no q at all");
        assertEquals("invalid-query", code(search(ana, "kiwi", "&cursor=not-a-cursor")));
        assertEquals("validation", code(search(ana, "kiwi", "&sort=oldest")));
        assertEquals("validation", code(search(ana, "kiwi", "&limit=0")));
        assertEquals("validation", code(search(ana, "kiwi", "&limit=51")));
        assertEquals("room-not-found", code(search(ana, "kiwi", "&roomId=" + UUID.randomUUID())));
        assertEquals(401, chat.call("GET", null, "/search?q=kiwi", null).status());
        assertEquals(200, search(ana, "100% _under\\score", "").status(), "LIKE's wildcards are plain characters");
    }

    private String createRoom(ChatUser owner, String name, String visibility, ChatUser... members) {
        Api.Answer created = chat.call("POST", owner, "/rooms",
                Chat.room(name, visibility, List.of(members).stream().map(ChatUser::id).toList()));
        assertEquals(201, created.status(), created.toString());
        return created.json().getString("id");
    }

    private long send(ChatUser user, String room, String text) {
        Api.Answer sent = chat.send(user, room, UUID.randomUUID().toString(), text);
        assertEquals(201, sent.status(), sent.toString());
        return sent.json().getJsonNumber("seq").longValue();
    }

    private Api.Answer search(ChatUser user, String q, String more) {
        return chat.call("GET", user, "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more, null);
    }

    private List<JsonObject> results(ChatUser user, String q) {
        return results(user, q, "");
    }

    private List<JsonObject> results(ChatUser user, String q, String more) {
        Api.Answer answer = search(user, q, more);
        assertEquals(200, answer.status(), answer.toString());
        return answer.json().getJsonArray("results").getValuesAs(JsonObject.class);
    }

    private List<JsonObject> awaitResults(ChatUser user, String q, int atLeast) {
        return awaitResults(user, q, "", atLeast);
    }

    private List<JsonObject> awaitResults(ChatUser user, String q, String more, int atLeast) {
        return await().atMost(INDEXED).until(() -> results(user, q, more), found -> found.size() >= atLeast);
    }

    /** Every result's seq, following nextCursor with pages of 10. */
    private List<Long> all(ChatUser user, String q, String sort) {
        List<Long> seqs = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = search(user, q, "&limit=10&sort=" + sort
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.getJsonArray("results").getValuesAs(JsonObject.class)
                    .forEach(r -> seqs.add(r.getJsonObject("message").getJsonNumber("seq").longValue()));
            cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
        } while (cursor != null);
        return seqs;
    }

    private static List<String> texts(List<JsonObject> results) {
        return results.stream().map(r -> r.getJsonObject("message").getString("text")).toList();
    }

    private static List<List<Integer>> highlights(JsonObject result) {
        return result.getJsonArray("highlights").stream()
                .map(JsonValue::asJsonArray)
                .map(range -> List.of(range.getInt(0), range.getInt(1)))
                .toList();
    }

    private static String code(Api.Answer answer) {
        String type = answer.json().getString("type");
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
