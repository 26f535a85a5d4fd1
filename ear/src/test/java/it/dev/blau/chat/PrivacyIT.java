package it.dev.blau.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.LocalStackControl;
import dev.blau.testing.Users;

/**
 * The GDPR tools: an export of one's data (a ZIP of JSON and files, written in the background,
 * downloadable by its person and administrators until it expires) and the erasure of an
 * account, which converges even when Keycloak is away while it runs.
 */
class PrivacyIT {

    static final Api API = Api.underTest();
    static final Chat CHAT = new Chat(API);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static ChatUser admin;

    @BeforeAll
    static void anAdministrator() {
        ChatUser user = CHAT.newUser("privadm");
        KeycloakAdmin.ofLocalStack().grantRealmRole(user.id(), "admin");
        admin = new ChatUser(user.id(), user.username(), new Users(API).accessToken(user.username()));
    }

    @Test
    void anExportHoldsTheProfileRoomsOwnMessagesAndFiles_forItsPersonAndAdministratorsOnly() {
        ChatUser ana = CHAT.newUser("expa");
        ChatUser bob = CHAT.newUser("expb");
        String room = CHAT.createRoom(ana, "private", bob);
        assertEquals(201, CHAT.send(ana, room, "e1", "ana's own words").status());
        assertEquals(201, CHAT.send(bob, room, "e2", "bob's words stay out").status());
        byte[] notes = "the notes ana sent".getBytes(StandardCharsets.UTF_8);
        String fileId = upload(ana, room, "notes.txt", notes).getString("id");
        assertEquals(201, CHAT.call("POST", ana, "/rooms/" + room + "/messages", Json.createObjectBuilder()
                .add("text", "with a file").add("clientMsgId", "e3")
                .add("attachments", Json.createArrayBuilder().add(fileId)).build().toString()).status());
        awaitIndexed(ana, room, "file");

        Api.Answer asked = API.send("POST", "/api/v1/auth/profile/export", ana.token(), null);
        assertEquals(202, asked.status(), asked::toString);
        assertEquals("pending", asked.json().getString("state"));
        String location = asked.header("Location");
        assertTrue(location.endsWith("/api/v1/auth/profile/exports/" + asked.json().getString("id")), location);
        Api.Answer again = API.send("POST", "/api/v1/auth/profile/export", ana.token(), null);
        if (again.status() == 409) { // still being written: said so, and where to follow it
            assertProblem(again, "export-in-progress");
        }

        JsonObject ready = awaitExport(ana, asked.json().getString("id"));
        assertTrue(ready.getJsonNumber("size").longValue() > 0, ready::toString);
        assertNotNull(ready.getString("expiresAt"));
        String download = ready.getString("download");

        HttpResponse<byte[]> archive = get(ana, download);
        assertEquals(200, archive.statusCode());
        assertEquals("application/zip", archive.headers().firstValue("Content-Type").orElse(""));
        assertTrue(archive.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        Map<String, byte[]> entries = unzip(archive.body());
        JsonObject profile = json(entries.get("profile.json")).asJsonObject();
        assertEquals(ana.username(), profile.getString("username"));
        JsonArray memberships = json(entries.get("memberships.json")).asJsonArray();
        assertTrue(memberships.getValuesAs(JsonObject.class).stream()
                .anyMatch(m -> m.getString("roomId").equals(room) && m.getString("role").equals("owner")), memberships::toString);
        List<JsonObject> messages = json(entries.get("messages.json")).asJsonArray().getValuesAs(JsonObject.class);
        assertEquals(List.of("ana's own words", "with a file"), messages.stream().map(m -> m.getString("text")).toList());
        String path = messages.get(1).getJsonArray("files").getJsonObject(0).getString("path");
        assertArrayEquals(notes, entries.get(path), "the file itself, where messages.json says");

        assertEquals(404, get(bob, download).statusCode(), "nobody else's");
        assertEquals(404, API.send("GET", location.substring(location.indexOf("/api/")), bob.token(), null).status());
        assertEquals(401, fetch(download, null).statusCode());
        assertEquals(200, get(admin, download).statusCode(), "an administrator's, audited");
        Api.Answer audit = API.send("GET", "/api/v1/admin/audit?action=user.export.download", admin.token(), null);
        assertTrue(audit.body().contains("user:" + ana.id()), audit::toString);
    }

    @Test
    void exportsAskedTooOftenAreRefusedClearly() {
        ChatUser cy = CHAT.newUser("exprate");
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            Api.Answer asked = API.send("POST", "/api/v1/auth/profile/export", cy.token(), null);
            if (asked.status() == 202) {
                accepted++;
                awaitExport(cy, asked.json().getString("id"));
            } else if (asked.status() == 429) {
                assertProblem(asked, "too-many-exports");
                assertTrue(Long.parseLong(asked.header("Retry-After")) > 0, asked::toString);
            } else {
                throw new AssertionError("neither accepted nor refused: " + asked);
            }
        }
        assertEquals(3, accepted, "three an hour");
        assertEquals(3, API.send("GET", "/api/v1/auth/profile/exports", cy.token(), null).json()
                .getJsonArray("exports").size());
    }

    @Test
    void administratorRoutes_areForAdministratorsOnly() {
        ChatUser dee = CHAT.newUser("privdee");
        for (String[] route : new String[][] {{"POST", "/" + dee.id() + "/export"}, {"GET", "/" + dee.id() + "/data-requests"},
                {"DELETE", "/" + UUID.randomUUID()}}) {
            String path = "/api/v1/admin/users" + route[1];
            assertEquals(401, API.send(route[0], path, null, null).status(), path);
            assertEquals(403, API.send(route[0], path, dee.token(), null).status(), path);
        }
        Api.Answer export = API.send("POST", "/api/v1/admin/users/" + dee.id() + "/export", admin.token(), null);
        assertEquals(202, export.status(), export::toString);
        assertEquals(dee.id(), export.json().getString("userId"));
        Api.Answer listed = API.send("GET", "/api/v1/admin/users/" + dee.id() + "/data-requests", admin.token(), null);
        assertEquals(200, listed.status());
        assertEquals(export.json().getString("id"), listed.json().getJsonArray("requests").getJsonObject(0).getString("id"));
        assertEquals(404, API.send("DELETE", "/api/v1/admin/users/" + UUID.randomUUID(), admin.token(), null).status());
        Api.Answer self = API.send("DELETE", "/api/v1/admin/users/" + admin.id(), admin.token(), null);
        assertEquals(409, self.status());
        assertProblem(self, "cannot-erase-self");
        assertEquals(401, API.send("DELETE", "/api/v1/auth/profile", null, null).status());
        assertEquals(401, API.send("POST", "/api/v1/auth/profile/export", null, null).status());
    }

    @Test
    void anErasureTombstonesTheMessages_keepsDirectMessagesReadable_andConvergesWhileKeycloakIsAway() {
        ChatUser ana = CHAT.newUser("era");
        ChatUser bob = CHAT.newUser("erb");
        String room = CHAT.createRoom(ana, "private", bob);
        String direct = CHAT.call("POST", ana, "/direct", "{\"userId\":\"" + bob.id() + "\"}").json().getString("id");
        assertEquals(201, CHAT.send(ana, room, "r1", "in the room").status());
        long root = CHAT.send(ana, room, "r0", "ana asks something personal").json().getJsonNumber("seq").longValue();
        assertEquals(201, CHAT.call("POST", bob, "/rooms/" + room + "/messages", Json.createObjectBuilder()
                .add("text", "bob answers").add("clientMsgId", "r2").add("replyToSeq", root).build().toString()).status());
        assertEquals(201, CHAT.send(ana, direct, "d1", "just between us").status());
        awaitIndexed(ana, direct, "between");

        LocalStackControl stack = LocalStackControl.ofThisBuild();
        stack.stop("keycloak");
        Api.Answer erased;
        try {
            // an administrator's erasure (the person's own needs Keycloak to confirm a recent sign-in)
            erased = API.send("DELETE", "/api/v1/admin/users/" + ana.id(), admin.token(), null);
            assertEquals(202, erased.status(), erased::toString);
            assertEquals("erasure", erased.json().getString("kind"));
            assertEquals("pending", erased.json().getString("state"), "Keycloak is away: not done yet");

            // chat's part goes on without Keycloak: bob sees tombstones from "Deleted user", owns the room
            await("ana's messages erased").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertErased(bob, room, ana);
                        assertErased(bob, direct, ana);
                    });
            JsonObject kept = CHAT.history(bob, room, "");
            JsonObject answer = kept.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .filter(m -> m.getString("text").equals("bob answers")).findFirst().orElseThrow();
            assertEquals(Json.createObjectBuilder().add("seq", root).add("senderName", "Deleted user").add("excerpt", "")
                    .build(), answer.getJsonObject("replyTo"), "bob's reply stays, without ana's words or name");
            assertEquals(bob.id(), CHAT.call("GET", bob, "/rooms/" + room, null).json().getString("ownerId"));
            assertEquals(200, CHAT.call("GET", bob, "/rooms/" + direct + "/messages", null).status(),
                    "the direct messages stay readable to the other side");
            Api.Answer refused = CHAT.send(ana, direct, "d2", "one more?");
            assertEquals(403, refused.status(), "an erased account sends nothing, even with a token still valid");
            Api.Answer pending = API.send("GET", "/api/v1/admin/users/" + ana.id() + "/data-requests", admin.token(), null);
            assertEquals("pending", pending.json().getJsonArray("requests").getJsonObject(0).getString("state"));
        } finally {
            stack.start("keycloak");
        }

        // Keycloak back: the account part is tried again until done, and the erasure completes
        await("the erasure completes").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "done".equals(API.send("GET", "/api/v1/admin/users/" + ana.id() + "/data-requests", admin.token(), null)
                        .json().getJsonArray("requests").getJsonObject(0).getString("state")));
        assertEquals(401, API.post("/api/v1/auth/login", Users.credentials(ana.username(), Users.PASSWORD)).status(),
                "the Keycloak account is gone");
        Api.Answer profile = API.send("GET", "/api/v1/auth/profile", ana.token(), null);
        assertTrue(profile.status() == 401 || profile.status() == 403, "no profile comes back: " + profile);
        Api.Answer audit = API.send("GET", "/api/v1/admin/audit?action=user.erase.complete", admin.token(), null);
        assertTrue(audit.body().contains("user:" + ana.id()), audit::toString);
        assertTrue(API.send("GET", "/api/v1/admin/audit?action=user.erase", admin.token(), null).body()
                .contains("user:" + ana.id()));
    }

    @Test
    void peopleEraseTheirOwnAccountRightAfterSigningIn() {
        ChatUser cy = CHAT.newUser("erself");
        ChatUser dan = CHAT.newUser("erdan");
        String room = CHAT.createRoom(cy, "public");
        CHAT.join(dan, room);
        assertEquals(201, CHAT.send(cy, room, "s1", "soon gone").status());
        awaitIndexed(cy, room, "soon");

        Api.Answer erased = API.send("DELETE", "/api/v1/auth/profile", cy.token(), null);
        assertEquals(202, erased.status(), erased::toString);
        Api.Answer again = API.send("DELETE", "/api/v1/auth/profile", cy.token(), null);
        assertEquals(erased.json().getString("id"), again.json().getString("id"), "asked twice, one erasure");

        // done within the request when Keycloak answers at once; right after Keycloak was away (the test
        // before may have stopped it) auth-app's guard defers the account part to its next round
        await("the account is gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                API.post("/api/v1/auth/login", Users.credentials(cy.username(), Users.PASSWORD)).status() == 401);
        await("tombstones").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertErased(dan, room, cy));
        assertEquals(dan.id(), CHAT.call("GET", dan, "/rooms/" + room, null).json().getString("ownerId"),
                "the room passed to the member left");
        await("done").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "done".equals(API.send("GET", "/api/v1/admin/users/" + cy.id() + "/data-requests", admin.token(), null)
                        .json().getJsonArray("requests").getJsonObject(0).getString("state")));
    }

    private static void assertErased(ChatUser reader, String room, ChatUser author) {
        List<JsonObject> theirs = CHAT.history(reader, room, "").getJsonArray("messages").getValuesAs(JsonObject.class)
                .stream().filter(m -> m.getString("senderId").equals(author.id())).toList();
        assertFalse(theirs.isEmpty(), "the tombstones stay");
        assertTrue(theirs.stream().allMatch(m -> m.getBoolean("deleted", false) && m.getString("text", "").isEmpty()
                && "Deleted user".equals(m.getString("senderName", null))), theirs::toString);
    }

    // the projection the export and erasure read follows the events: wait for the last message in it
    private static void awaitIndexed(ChatUser user, String room, String word) {
        await("indexed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                CHAT.call("GET", user, "/search?q=" + word + "&roomId=" + room, null).body().contains(room));
    }

    private static JsonObject awaitExport(ChatUser user, String id) {
        return await("export " + id).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> API.send("GET", "/api/v1/auth/profile/exports/" + id, user.token(), null).json(),
                        export -> !"pending".equals(export.getString("state")));
    }

    static void assertProblem(Api.Answer answer, String kind) {
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::toString);
        assertEquals("https://blau.dev/problems/" + kind, answer.json().getString("type"), answer::toString);
    }

    private static JsonObject upload(ChatUser user, String room, String name, byte[] content) {
        String boundary = "----blau" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Api.Answer answer = API.send(HttpRequest.newBuilder(API.base().resolve(Chat.BASE + "/rooms/" + room + "/files"))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertEquals(201, answer.status(), answer::toString);
        return answer.json();
    }

    private static HttpResponse<byte[]> get(ChatUser user, String path) {
        return fetch(path, user.token());
    }

    private static HttpResponse<byte[]> fetch(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(API.base().resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(entries.isEmpty(), "not a ZIP");
        return entries;
    }

    private static JsonValue json(byte[] bytes) {
        assertNotNull(bytes, "entry missing");
        try (var reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            return reader.readValue();
        }
    }
}
