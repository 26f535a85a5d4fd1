package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/**
 * Room moderation: a ban removes the member at once and keeps them out (rejoin, invitation,
 * socket join) until lifted; a mute refuses sends on every server, also after leaving and
 * rejoining; only the owner changes visibility; nobody bans the owner or themselves; each is
 * in the audit log.
 */
class ModerationIT {

    static final Api API = Api.underTest();
    static final Chat ONE = new Chat(API);
    static final Chat TWO = new Chat(new Api(URI.create(System.getProperty("blau.second.chat.url", "http://localhost:9083"))));

    static ChatUser admin;

    @BeforeAll
    static void anAdministratorToReadTheAuditLog() {
        ChatUser user = ONE.newUser("modadm");
        KeycloakAdmin.ofLocalStack().grantRealmRole(user.id(), "admin");
        admin = new ChatUser(user.id(), user.username(), new Users(API).accessToken(user.username()));
    }

    @Test
    void aBannedMemberIsRemovedEverywhereAndKeptOutUntilTheBanIsLifted() {
        ChatUser owner = ONE.newUser("own");
        ChatUser spammer = ONE.newUser("spam");
        String room = ONE.createRoom(owner, "public");
        ONE.join(spammer, room);
        try (ChatSocket onTwo = ChatSocket.open(TWO.api().base(), ONE.ticket(spammer), ChatSocket.ALLOWED_ORIGIN);
             ChatSocket ownerSocket = ONE.connect(owner)) {
            onTwo.join(room, null);
            ownerSocket.join(room, null);
            int mark = onTwo.size();

            Api.Answer ban = ONE.call("POST", owner, "/rooms/" + room + "/bans",
                    body("userId", spammer.id(), "reason", "links to scams"));

            assertEquals(201, ban.status(), ban::toString);
            assertEquals(spammer.username(), ban.json().getString("username"));
            assertFalse(ban.json().containsKey("until"), "for good");
            JsonObject banned = onTwo.await(type("banned"), mark);
            assertEquals("links to scams", banned.getString("reason"));
            onTwo.await(f -> "user_left".equals(f.getString("type")) && room.equals(f.getString("roomId")), mark);
            // the socket on the other server follows the room no more: nothing more of it arrives there
            int afterBan = onTwo.size();
            ownerSocket.send(frame("send_message", "roomId", room, "clientMsgId", "after-ban", "text", "gone?"));
            ownerSocket.await(type("ack"));
            onTwo.send(frame("ping"));
            onTwo.await(type("pong"), afterBan);
            assertTrue(onTwo.messages(room).stream().noneMatch(m -> "gone?".equals(m.getString("text"))));

            Api.Answer rejoin = ONE.call("PUT", spammer, "/rooms/" + room + "/members/me", null);
            assertEquals(403, rejoin.status(), rejoin::toString);
            assertProblem(rejoin, "banned");
            int beforeJoin = onTwo.size();
            onTwo.send(frame("join_room", "roomId", room));
            assertEquals("banned", onTwo.await(type("error"), beforeJoin).getString("code"));
            Api.Answer invite = ONE.call("POST", owner, "/rooms/" + room + "/members", body("userId", spammer.id()));
            assertEquals(403, invite.status(), invite::toString);
            assertProblem(invite, "banned");
            assertEquals(403, ONE.send(spammer, room, "c1", "let me in").status());
        }

        List<JsonObject> bans = ONE.call("GET", owner, "/rooms/" + room + "/bans", null).jsonArray()
                .getValuesAs(JsonObject.class);
        assertEquals(List.of(spammer.id()), bans.stream().map(b -> b.getString("userId")).toList());
        assertEquals(204, ONE.call("DELETE", owner, "/rooms/" + room + "/bans/" + spammer.id(), null).status());
        assertEquals(200, ONE.call("PUT", spammer, "/rooms/" + room + "/members/me", null).status(), "lifted: welcome back");

        JsonObject audited = audit("room.ban", owner);
        assertEquals("user:" + spammer.id(), audited.getString("target"));
        assertEquals("links to scams", audited.getJsonObject("details").getString("reason"));
        assertEquals(room, audited.getJsonObject("details").getString("roomId"));
        assertEquals("user:" + spammer.id(), audit("room.unban", owner).getString("target"));
    }

    @Test
    void aBanWithAnEndEndsThere_andTheRulesOfWhoBansWhom() {
        ChatUser owner = ONE.newUser("own2");
        ChatUser moderator = ONE.newUser("mod");
        ChatUser other = ONE.newUser("mod2");
        ChatUser member = ONE.newUser("mem");
        String room = ONE.createRoom(owner, "private", moderator, other, member);
        for (ChatUser m : List.of(moderator, other)) {
            assertEquals(200, ONE.call("PUT", owner, "/rooms/" + room + "/members/" + m.id(), "{\"role\":\"moderator\"}").status());
        }

        assertRefused(ONE.call("POST", moderator, "/rooms/" + room + "/bans", body("userId", owner.id())), 409, "owner");
        assertRefused(ONE.call("POST", moderator, "/rooms/" + room + "/bans", body("userId", other.id())), 403, "not-the-owner");
        assertRefused(ONE.call("POST", member, "/rooms/" + room + "/bans", body("userId", moderator.id())), 403, "not-a-moderator");
        assertRefused(ONE.call("POST", moderator, "/rooms/" + room + "/bans", body("userId", moderator.id())), 400, "validation");
        assertRefused(ONE.call("POST", moderator, "/rooms/" + room + "/bans",
                body("userId", member.id(), "until", Instant.now().minusSeconds(60).toString())), 400, "validation");
        assertRefused(ONE.call("POST", moderator, "/rooms/" + room + "/bans",
                body("userId", member.id(), "until", Instant.now().plus(1_000_000, ChronoUnit.DAYS).toString())), 400, "validation");
        assertRefused(ONE.call("POST", moderator, "/rooms/" + room + "/bans", "{\"userId\":\"" + member.id()
                + "\",\"until\":\"next tuesday\"}"), 400, null);
        assertRefused(ONE.call("POST", moderator, "/rooms/" + room + "/bans", body("userId", member.id(), "reason",
                "x".repeat(501))), 400, "validation");
        assertEquals(200, ONE.call("GET", member, "/rooms/" + room, null).status(), "nothing refused changed anything");

        Instant until = Instant.now().plus(1, ChronoUnit.HOURS);
        Api.Answer ban = ONE.call("POST", owner, "/rooms/" + room + "/bans", body("userId", other.id(), "until", until.toString()));
        assertEquals(201, ban.status(), "the owner bans a moderator: " + ban);
        assertEquals(until.truncatedTo(ChronoUnit.MILLIS), Instant.parse(ban.json().getString("until")).truncatedTo(ChronoUnit.MILLIS));
        assertEquals(404, ONE.call("GET", other, "/rooms/" + room, null).status(), "out of the private room");
        Api.Answer invite = ONE.call("POST", owner, "/rooms/" + room + "/members", body("userId", other.id()));
        assertTrue(invite.json().getString("detail").contains("until"), invite::toString);
    }

    @Test
    void aMutedMembersSendsAreRefusedOnEveryServer_alsoAfterLeavingAndRejoining() {
        ChatUser owner = ONE.newUser("own3");
        ChatUser loud = ONE.newUser("loud");
        String room = ONE.createRoom(owner, "public");
        ONE.join(loud, room);
        try (ChatSocket onTwo = ChatSocket.open(TWO.api().base(), ONE.ticket(loud), ChatSocket.ALLOWED_ORIGIN)) {
            onTwo.join(room, null);
            assertEquals("ack", sendOver(onTwo, room, "before").getString("type"));
            int mark = onTwo.size();

            Instant until = Instant.now().plus(1, ChronoUnit.HOURS);
            Api.Answer mute = ONE.call("POST", owner, "/rooms/" + room + "/mutes", body("userId", loud.id(), "until", until.toString()));

            assertEquals(201, mute.status(), mute::toString);
            assertEquals(room, onTwo.await(type("muted"), mark).getString("roomId"));
            JsonObject refused = sendOver(onTwo, room, "while muted");
            assertEquals("error", refused.getString("type"), refused::toString);
            assertEquals("muted", refused.getString("code"));
            assertRefused(ONE.send(loud, room, "rest-1", "over REST"), 403, "muted");
            assertTrue(ONE.call("GET", loud, "/rooms/" + room, null).json().containsKey("mutedUntil"));

            assertEquals(204, ONE.call("DELETE", loud, "/rooms/" + room + "/members/me", null).status());
            ONE.join(loud, room);
            assertRefused(ONE.send(loud, room, "rest-2", "rejoined"), 403, "muted");

            mark = onTwo.size();
            assertEquals(204, ONE.call("DELETE", owner, "/rooms/" + room + "/mutes/" + loud.id(), null).status());
            onTwo.await(type("unmuted"), mark);
            onTwo.join(room, null);
            assertEquals("ack", sendOver(onTwo, room, "free again").getString("type"));
        }
        List<String> texts = ONE.history(owner, room, "?after=0").getJsonArray("messages").getValuesAs(JsonObject.class)
                .stream().map(m -> m.getString("text")).toList();
        assertEquals(List.of("before", "free again"), texts, "nothing sent while muted was stored");
        assertEquals("user:" + loud.id(), audit("room.mute", owner).getString("target"));
        assertEquals("user:" + loud.id(), audit("room.unmute", owner).getString("target"));
    }

    @Test
    void onlyTheOwnerChangesVisibility() {
        ChatUser owner = ONE.newUser("own4");
        ChatUser moderator = ONE.newUser("mod4");
        String room = ONE.createRoom(owner, "private", moderator);
        assertEquals(200, ONE.call("PUT", owner, "/rooms/" + room + "/members/" + moderator.id(), "{\"role\":\"moderator\"}").status());

        assertRefused(ONE.call("PUT", moderator, "/rooms/" + room, "{\"visibility\":\"public\"}"), 403, "not-the-owner");
        Api.Answer renamed = ONE.call("PUT", moderator, "/rooms/" + room, "{\"name\":\"renamed by the moderator\"}");
        assertEquals(200, renamed.status(), "a moderator still renames: " + renamed);
        assertEquals("private", renamed.json().getString("visibility"));
        Api.Answer opened = ONE.call("PUT", owner, "/rooms/" + room, "{\"visibility\":\"public\"}");
        assertEquals(200, opened.status(), opened::toString);
        assertEquals("public", opened.json().getString("visibility"));

        JsonObject audited = audit("room.update", owner);
        assertEquals("private", audited.getJsonObject("details").getString("visibilityBefore"));
        assertEquals("public", audited.getJsonObject("details").getString("visibility"));
    }

    @Test
    void aSiteModeratorModeratesEveryRoomTheyCanSee_andNoPrivateRoomTheyAreNotIn() {
        ChatUser owner = ONE.newUser("own5");
        ChatUser troll = ONE.newUser("troll");
        ChatUser user = ONE.newUser("sitemod");
        // made a moderator of the whole site by an administrator, through BLAU
        assertEquals(204, API.send("PUT", "/api/v1/admin/users/" + user.id() + "/roles/moderator", admin.token(), null).status());
        ChatUser siteModerator = new ChatUser(user.id(), user.username(), new Users(API).accessToken(user.username()));
        String open = ONE.createRoom(owner, "public");
        String closed = ONE.createRoom(owner, "private", troll);
        ONE.join(troll, open);
        long seq = ONE.send(troll, open, "t1", "buy cheap stuff").json().getJsonNumber("seq").longValue();

        assertEquals(204, ONE.call("DELETE", siteModerator, "/rooms/" + open + "/messages/" + seq, null).status(),
                "not a member of the public room, still its moderator");
        assertEquals(201, ONE.call("POST", siteModerator, "/rooms/" + open + "/bans", body("userId", troll.id(), "reason", "spam")).status());
        assertRefused(ONE.call("PUT", troll, "/rooms/" + open + "/members/me", null), 403, "banned");
        assertRefused(ONE.call("POST", siteModerator, "/rooms/" + open + "/bans", body("userId", owner.id())), 409, "owner");
        assertEquals(404, ONE.call("POST", siteModerator, "/rooms/" + closed + "/bans", body("userId", troll.id())).status(),
                "a private room they are not in is not theirs to see");
        assertEquals("user:" + troll.id(), audit("room.ban", siteModerator).getString("target"));
        assertEquals("message:" + open + ":" + seq, audit("message.delete", siteModerator).getString("target"));
    }

    // the send's answer on this socket: its ack or its error frame
    private static JsonObject sendOver(ChatSocket socket, String room, String text) {
        int mark = socket.size();
        String clientMsgId = text.replace(' ', '-');
        socket.send(frame("send_message", "roomId", room, "clientMsgId", clientMsgId, "text", text));
        return socket.await(f -> ("ack".equals(f.getString("type")) && clientMsgId.equals(f.getString("clientMsgId")))
                || "error".equals(f.getString("type")), mark);
    }

    // the newest audit record of this action by this actor
    private static JsonObject audit(String action, ChatUser actor) {
        Api.Answer answer = API.send("GET", "/api/v1/admin/audit?action=" + action + "&actor=" + actor.id(), admin.token(), null);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("records").getJsonObject(0);
    }

    private static String body(String... fields) {
        var json = Json.createObjectBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            json.add(fields[i], fields[i + 1]);
        }
        return json.build().toString();
    }

    private static void assertRefused(Api.Answer answer, int status, String problem) {
        assertEquals(status, answer.status(), answer::toString);
        if (problem != null) {
            assertProblem(answer, problem);
        }
    }

    private static void assertProblem(Api.Answer answer, String problem) {
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::toString);
        assertTrue(answer.json().getString("type").endsWith("/" + problem), answer::toString);
    }
}
