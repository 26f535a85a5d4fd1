package it.dev.blau.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/**
 * What administrators see of chat: usage per day (counted as it happens), every public and
 * private room (never the direct ones), and rooms they may delete whoever owns them.
 */
class AdministrationIT {

    static final Chat CHAT = new Chat(Api.underTest());

    static ChatUser admin;

    @BeforeAll
    static void anAdministrator() {
        ChatUser user = CHAT.newUser("chatadm");
        KeycloakAdmin.ofLocalStack().grantRealmRole(user.id(), "admin");
        admin = new ChatUser(user.id(), user.username(), new Users(CHAT.api()).accessToken(user.username()));
    }

    @Test
    void todaysUsageCountsWhatWasSentAndCreated() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String path = "/admin/reports/usage?from=" + today + "&to=" + tomorrow;
        JsonObject before = day(CHAT.call("GET", admin, path, null));

        ChatUser ana = CHAT.newUser("usa");
        ChatUser bob = CHAT.newUser("usb");
        String room = CHAT.createRoom(ana, "private", bob);
        for (int i = 1; i <= 3; i++) {
            assertEquals(201, CHAT.send(i == 2 ? bob : ana, room, "u" + i, "usage " + i).status());
        }

        // counted when the search projection stores them (from Kafka, normally well under a second)
        JsonObject after = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> day(CHAT.call("GET", admin, path, null)),
                        now -> count(now, "messages") >= count(before, "messages") + 3);
        assertTrue(count(after, "activeUsers") >= count(before, "activeUsers") + 2, after::toString);
        assertTrue(count(after, "newUsers") >= count(before, "newUsers") + 2, after::toString);
        assertTrue(count(after, "roomsCreated") >= count(before, "roomsCreated") + 1, after::toString);
        assertTrue(count(after, "activeRooms") >= count(before, "activeRooms") + 1, after::toString);
        assertEquals(today, after.getString("start"));
    }

    @Test
    void reportsComePerDayWeekOrMonthWithEveryBucket_andBadRangesAreRefused() {
        Api.Answer days = CHAT.call("GET", admin, "/admin/reports/usage?from=2026-01-01&to=2026-02-01", null);
        assertEquals(200, days.status(), days::toString);
        List<JsonObject> rows = days.json().getJsonArray("rows").getValuesAs(JsonObject.class);
        assertEquals(31, rows.size(), "empty days too");
        assertEquals("2026-01-01", rows.get(0).getString("start"));
        assertEquals("2026-01-31", rows.get(30).getString("start"));

        List<JsonObject> weeks = CHAT.call("GET", admin, "/admin/reports/usage?from=2026-01-01&to=2026-02-01&bucket=week", null)
                .json().getJsonArray("rows").getValuesAs(JsonObject.class);
        assertEquals("2025-12-29", weeks.get(0).getString("start"), "weeks start on Monday");
        assertEquals(5, weeks.size());
        List<JsonObject> months = CHAT.call("GET", admin, "/admin/reports/usage?from=2026-01-15&to=2026-04-01&bucket=month", null)
                .json().getJsonArray("rows").getValuesAs(JsonObject.class);
        assertEquals(List.of("2026-01-01", "2026-02-01", "2026-03-01"), months.stream().map(r -> r.getString("start")).toList());

        for (String bad : List.of("from=2026-02-01&to=2026-01-01", "from=yesterday", "bucket=year",
                "from=2020-01-01&to=2026-01-01")) {
            Api.Answer refused = CHAT.call("GET", admin, "/admin/reports/usage?" + bad, null);
            assertEquals(400, refused.status(), bad + ": " + refused);
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
        }
    }

    @Test
    void administratorsListSharedRoomsAndDeleteAnyOfThem() {
        ChatUser owner = CHAT.newUser("rown");
        ChatUser other = CHAT.newUser("roth");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = CHAT.call("POST", owner, "/rooms", Chat.room("secret " + marker, "private", List.of()));
        String room = created.json().getString("id");
        assertEquals(201, CHAT.call("POST", owner, "/direct", "{\"userId\":\"" + other.id() + "\"}").status());

        Api.Answer listed = CHAT.call("GET", admin, "/admin/rooms?q=" + marker, null);
        assertEquals(200, listed.status(), listed::toString);
        List<JsonObject> rooms = listed.json().getJsonArray("rooms").getValuesAs(JsonObject.class);
        assertEquals(List.of(room), rooms.stream().map(r -> r.getString("id")).toList());
        assertEquals("private", rooms.get(0).getString("visibility"));
        assertEquals(owner.id(), rooms.get(0).getString("ownerId"));
        String pair = CHAT.call("GET", admin, "/admin/rooms?q=" + owner.username(), null).body();
        assertTrue(!pair.contains("\"direct\""), "direct rooms are nobody's business: " + pair);

        assertEquals(204, CHAT.call("DELETE", admin, "/rooms/" + room, null).status(), "not a member, still an admin");
        assertEquals(404, CHAT.call("GET", owner, "/rooms/" + room, null).status());
        assertEquals(404, CHAT.call("DELETE", other, "/rooms/" + UUID.randomUUID(), null).status());
    }

    @Test
    void onlyAdministrators() {
        ChatUser user = CHAT.newUser("nadm");
        for (String path : List.of("/admin/reports/usage", "/admin/rooms")) {
            assertEquals(200, CHAT.call("GET", admin, path, null).status(), path);
            assertEquals(403, CHAT.call("GET", user, path, null).status(), path);
            assertEquals(401, CHAT.call("GET", null, path, null).status(), path);
        }
    }

    private static JsonObject day(Api.Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        List<JsonObject> rows = answer.json().getJsonArray("rows").getValuesAs(JsonObject.class);
        assertEquals(1, rows.size(), answer::toString);
        return rows.get(0);
    }

    private static long count(JsonObject row, String name) {
        return row.getJsonNumber(name).longValue();
    }
}
