package it.dev.blau.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/**
 * Retention: a room's owner (or an administrator, for every room) says how long messages are
 * kept; older ones become tombstones in bounded sweeps, the rest stays; bad values are refused;
 * each setting and each sweep that expired something is audited.
 */
class RetentionIT {

    static final Chat CHAT = new Chat(Api.underTest());

    static ChatUser admin;

    @BeforeAll
    static void anAdministrator() {
        ChatUser user = CHAT.newUser("retadm");
        KeycloakAdmin.ofLocalStack().grantRealmRole(user.id(), "admin");
        admin = new ChatUser(user.id(), user.username(), new Users(CHAT.api()).accessToken(user.username()));
    }

    @Test
    void messagesOlderThanTheRoomsRetentionBecomeTombstonesAndTheRestStays() {
        ChatUser owner = CHAT.newUser("rown");
        ChatUser member = CHAT.newUser("rmem");
        String room = CHAT.createRoom(owner, "private", member);
        for (int i = 1; i <= 3; i++) {
            assertEquals(201, CHAT.send(i == 2 ? member : owner, room, "r" + i, "retained " + i).status());
        }
        // two of them were sent three days ago
        try (MongoClient mongo = MongoClients.create(System.getProperty("blau.mongodb.uri", "mongodb://127.0.0.1:17017"))) {
            var messages = mongo.getDatabase("blau").getCollection("messages");
            Date threeDaysAgo = Date.from(Instant.now().minus(Duration.ofDays(3)));
            assertEquals(2, messages.updateMany(Filters.in("_id", room + ":1", room + ":2"),
                    Updates.set("createdAt", threeDaysAgo)).getModifiedCount());
        }

        assertRefused(CHAT.call("PUT", member, "/rooms/" + room + "/retention", "{\"days\":1}"), 403);
        assertRefused(CHAT.call("PUT", owner, "/rooms/" + room + "/retention", "{\"days\":0}"), 400);
        assertRefused(CHAT.call("PUT", owner, "/rooms/" + room + "/retention", "{\"days\":1000000}"), 400);
        Api.Answer set = CHAT.call("PUT", owner, "/rooms/" + room + "/retention", "{\"days\":1}");
        assertEquals(200, set.status(), set::toString);
        assertEquals(1, set.json().getInt("effectiveDays"));

        // a sweep (the scheduled one, or this one asked for now) expires them
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            CHAT.call("POST", admin, "/admin/retention/sweep", null);
            return texts(owner, room).get(0).isEmpty();
        });
        List<JsonObject> history = CHAT.history(owner, room, "?after=0").getJsonArray("messages").getValuesAs(JsonObject.class);
        assertEquals(List.of(1L, 2L, 3L), history.stream().map(m -> m.getJsonNumber("seq").longValue()).toList(),
                "no seq goes: order stays gap-free");
        assertTrue(history.get(0).getBoolean("deleted") && history.get(1).getBoolean("deleted"));
        assertEquals(List.of("", "", "retained 3"), texts(owner, room));
        assertFalse(history.get(2).containsKey("deleted") && history.get(2).getBoolean("deleted"));
        assertEquals(201, CHAT.send(owner, room, "r4", "after the sweep").status());
        assertEquals(4, CHAT.history(owner, room, "?after=3").getJsonArray("messages").getJsonObject(0)
                .getJsonNumber("seq").longValue());

        JsonObject run = audit("retention.run", "system:retention");
        assertTrue(run.getJsonObject("details").containsKey("messages"), run::toString);
        JsonObject setting = audit("room.retention", owner.id());
        assertEquals("room:" + room, setting.getString("target"));
    }

    @Test
    void administratorsSetEveryRoomsRetention_andNobodyElse() {
        ChatUser user = CHAT.newUser("rnon");
        try {
            assertRefused(CHAT.call("PUT", admin, "/admin/retention", "{\"days\":0}"), 400);
            assertRefused(CHAT.call("PUT", admin, "/admin/retention", "{\"days\":1000000}"), 400);
            assertEquals(200, CHAT.call("PUT", admin, "/admin/retention", "{\"days\":3650}").status());
            assertEquals(3650, CHAT.call("GET", admin, "/admin/retention", null).json().getInt("days"));
            String room = CHAT.createRoom(user, "public");
            assertEquals(3650, CHAT.call("GET", user, "/rooms/" + room + "/retention", null).json().getInt("effectiveDays"),
                    "a room without its own follows every room's");
            assertEquals(403, CHAT.call("PUT", user, "/admin/retention", "{\"days\":30}").status());
            assertEquals(403, CHAT.call("POST", user, "/admin/retention/sweep", null).status());
            assertEquals(401, CHAT.call("GET", null, "/admin/retention", null).status());
        } finally {
            assertEquals(200, CHAT.call("PUT", admin, "/admin/retention", "{\"days\":null}").status());
        }
        JsonObject kept = CHAT.call("GET", admin, "/admin/retention", null).json();
        assertTrue(!kept.containsKey("days") || kept.isNull("days"), "kept for good again: " + kept);
        assertEquals("retention.global", audit("retention.global", admin.id()).getString("action"));
    }

    private static List<String> texts(ChatUser user, String room) {
        return CHAT.history(user, room, "?after=0").getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("text")).toList();
    }

    private static JsonObject audit(String action, String actor) {
        Api.Answer answer = CHAT.api().send("GET", "/api/v1/admin/audit?action=" + action + "&actor=" + actor, admin.token(), null);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("records").getJsonObject(0);
    }

    private static void assertRefused(Api.Answer answer, int status) {
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::toString);
    }
}
