package it.dev.blau.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/**
 * The audit log ({@code /api/v1/admin/audit}): what administrators do is recorded, listed with
 * filters and cursors, exported as CSV, and verified; a record changed behind the API's back
 * is found by the verification, and SQL cannot change one by mistake.
 */
class AuditLogIT {

    static final Api API = Api.underTest();
    static final Chat CHAT = new Chat(API);
    static final KeycloakAdmin KEYCLOAK = KeycloakAdmin.ofLocalStack();

    static ChatUser admin;

    @BeforeAll
    static void anAdministrator() {
        admin = newAdmin("auditor");
    }

    static ChatUser newAdmin(String prefix) {
        ChatUser user = CHAT.newUser(prefix);
        KEYCLOAK.grantRealmRole(user.id(), "admin");
        // the token the user had carries the roles of then: sign in again
        return new ChatUser(user.id(), user.username(), new Users(API).accessToken(user.username()));
    }

    @Test
    void anAdministratorsActionIsRecordedAndListedWithFiltersAndCursors() {
        ChatUser admin = newAdmin("lister"); // whose only actions are these
        ChatUser bob = CHAT.newUser("audited");
        assertEquals(204, AdminUsersIT.call("disable", bob.id(), admin.token()).status());
        assertEquals(204, AdminUsersIT.call("enable", bob.id(), admin.token()).status());

        List<JsonObject> mine = get("/api/v1/admin/audit?actor=" + admin.id(), admin.token()).json()
                .getJsonArray("records").getValuesAs(JsonObject.class);
        assertEquals(List.of("user.enable", "user.disable"), mine.stream().map(r -> r.getString("action")).toList(),
                "newest first, only this administrator's");
        JsonObject disabled = mine.get(1);
        assertEquals("user:" + bob.id(), disabled.getString("target"));
        assertEquals(bob.username(), disabled.getJsonObject("details").getString("username"));
        assertEquals(disabled.getString("hash"), mine.get(0).getString("prevHash"), "each record chains the one before");

        JsonObject firstPage = get("/api/v1/admin/audit?actor=" + admin.id() + "&limit=1", admin.token()).json();
        assertEquals("user.enable", firstPage.getJsonArray("records").getJsonObject(0).getString("action"));
        long cursor = firstPage.getJsonNumber("nextCursor").longValue();
        JsonObject secondPage = get("/api/v1/admin/audit?actor=" + admin.id() + "&limit=1&cursor=" + cursor,
                admin.token()).json();
        assertEquals("user.disable", secondPage.getJsonArray("records").getJsonObject(0).getString("action"));

        String from = disabled.getString("at");
        List<JsonObject> since = get("/api/v1/admin/audit?action=user.disable&from=" + from, admin.token()).json()
                .getJsonArray("records").getValuesAs(JsonObject.class);
        assertTrue(since.stream().allMatch(r -> "user.disable".equals(r.getString("action"))), since::toString);
        assertTrue(since.stream().anyMatch(r -> r.getString("target").equals("user:" + bob.id())), since::toString);
    }

    @Test
    void theCsvExportHoldsTheRecordsAndIsItselfAudited() {
        ChatUser bob = CHAT.newUser("csv");
        assertEquals(204, AdminUsersIT.call("disable", bob.id(), admin.token()).status());

        Api.Answer csv = get("/api/v1/admin/audit.csv?action=user.disable", admin.token());

        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        List<String> lines = csv.body().lines().toList();
        assertEquals("id,at,actorId,action,target,details,prevHash,hash", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("user:" + bob.id()) && l.contains(admin.id())), csv.body());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",user.disable,")), "only what the filter asked");
        JsonObject export = get("/api/v1/admin/audit?action=audit.export&actor=" + admin.id(), admin.token()).json()
                .getJsonArray("records").getJsonObject(0);
        assertEquals("user.disable", export.getJsonObject("details").getString("action"));
    }

    @Test
    void aChangedRecordBreaksTheChainExactlyThere_andSqlCannotChangeOneByMistake() throws SQLException {
        ChatUser bob = CHAT.newUser("tamper");
        assertEquals(204, AdminUsersIT.call("disable", bob.id(), admin.token()).status());
        JsonObject record = get("/api/v1/admin/audit?actor=" + admin.id() + "&action=user.disable", admin.token())
                .json().getJsonArray("records").getJsonObject(0);
        long id = record.getJsonNumber("id").longValue();
        JsonObject before = get("/api/v1/admin/audit/verify", admin.token()).json();
        assertTrue(before.getBoolean("valid"), before::toString);
        assertTrue(before.getJsonNumber("records").longValue() >= id);

        try (Connection db = database()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> update(db, "UPDATE audit.audit_record SET target = 'user:someone-else' WHERE id = " + id));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            assertThrows(SQLException.class, () -> update(db, "DELETE FROM audit.audit_record WHERE id = " + id));
            assertThrows(SQLException.class, () -> update(db, "TRUNCATE audit.audit_record"));

            // someone with the power to switch the guard off does: the chain still tells
            update(db, "ALTER TABLE audit.audit_record DISABLE TRIGGER audit_record_append_only");
            try {
                update(db, "UPDATE audit.audit_record SET target = 'user:someone-else' WHERE id = " + id);
                JsonObject after = get("/api/v1/admin/audit/verify", admin.token()).json();
                assertFalse(after.getBoolean("valid"), after::toString);
                assertEquals(id, after.getJsonNumber("firstBroken").longValue());
                assertEquals(id - 1, after.getJsonNumber("records").longValue(), "the records before it verify");
                assertEquals("its fields do not match its hash", after.getString("reason"));
            } finally {
                update(db, "UPDATE audit.audit_record SET target = '" + record.getString("target") + "' WHERE id = " + id);
                update(db, "ALTER TABLE audit.audit_record ENABLE TRIGGER audit_record_append_only");
            }
            try (Statement statement = db.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_record_append_only'")) {
                assertTrue(rs.next());
                assertEquals("O", rs.getString(1), "the guard is on again");
            }
        }
        assertTrue(get("/api/v1/admin/audit/verify", admin.token()).json().getBoolean("valid"));
    }

    @Test
    void onlyAdministratorsReadTheLog_andBadFiltersAreClear() {
        ChatUser mallory = CHAT.newUser("nosy");
        for (String path : List.of("/api/v1/admin/audit", "/api/v1/admin/audit.csv", "/api/v1/admin/audit/verify")) {
            assertEquals(200, get(path, admin.token()).status(), path);
            assertEquals(403, get(path, mallory.token()).status(), path);
            assertEquals(401, get(path, null).status(), path);
            assertEquals(401, get(path, "not-a-token").status(), path);
        }
        Api.Answer badTime = get("/api/v1/admin/audit?from=yesterday", admin.token());
        assertEquals(400, badTime.status(), badTime::toString);
        assertTrue(badTime.contentType().startsWith("application/problem+json"), badTime.contentType());
        assertTrue(badTime.json().getString("detail").contains("ISO-8601"), badTime::toString);
        assertEquals(400, get("/api/v1/admin/audit?limit=1000", admin.token()).status());
        for (String method : List.of("PUT", "DELETE", "POST")) {
            int status = API.send(method, "/api/v1/admin/audit", admin.token(), method.equals("DELETE") ? null : "{}").status();
            assertEquals(405, status, method + ": no route changes the log");
        }
    }

    private static Api.Answer get(String path, String token) {
        return API.send("GET", path, token, null);
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("blau.postgres.url",
                "jdbc:postgresql://127.0.0.1:15432/blau"), "blau", "blau");
    }

    private static void update(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
