package it.dev.blau.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;

/**
 * Files in rooms, stored in GridFS (the local stack's default): upload, attach, read back whole
 * and by range, who may see them, and how they go (with their message, with their room, or
 * unsent after a day).
 */
class FilesIT {

    /** The background sweep runs every 30 s; this is room for it, not a promise of speed. */
    private static final Duration SWEPT = Duration.ofSeconds(90);
    private static final String GPS_SECRET = "GPS-51.5007N-0.1246W";

    private final Chat chat = new Chat(Api.underTest());
    /**
     * HTTP/1.1, as Kong and browsers behind it reach the servers: over cleartext HTTP/2 (h2c, the
     * JDK client's default) Liberty stalled the stream after a body larger than the first flow-control window.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aPhotoIsKeptWholeServedByRangeAndThumbnailedWithoutItsMetadata() throws IOException {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        ChatUser eve = chat.newUser("eve");
        String room = chat.createRoom(ana, "private", bob);
        byte[] photo = jpegWithExif(1200, 900);

        // named and labelled as text by the client: the bytes say what it is
        JsonObject file = uploaded(ana, room, "holiday.txt", "text/plain", photo);
        assertEquals("holiday.txt", file.getString("name"));
        assertEquals("image/jpeg", file.getString("contentType"));
        assertEquals(photo.length, file.getJsonNumber("size").longValue());
        assertEquals(1200, file.getInt("width"));
        assertEquals(900, file.getInt("height"));
        String url = file.getString("url");
        String thumbnailUrl = file.getString("thumbnailUrl");
        assertEquals("/api/v1/chat/files/" + file.getString("id"), url);

        assertEquals(200, get(ana, url, null).statusCode(), "the uploader sees an unsent upload");
        assertEquals(404, get(bob, url, null).statusCode(), "nobody else does, before it is sent");

        JsonObject message = sent(ana, room, "", file.getString("id"));
        assertEquals("", message.getString("text"));
        JsonObject attachment = message.getJsonArray("attachments").getJsonObject(0);
        assertEquals(file, attachment, "the message carries the file as the upload described it");
        assertEquals(attachment, chat.history(bob, room, "?limit=1").getJsonArray("messages").getJsonObject(0)
                .getJsonArray("attachments").getJsonObject(0), "and history too");

        HttpResponse<byte[]> whole = get(bob, url, null);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(photo, whole.body());
        assertEquals("image/jpeg", whole.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("nosniff", whole.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(whole.headers().firstValue("Content-Disposition").orElseThrow().startsWith("inline"));

        HttpResponse<byte[]> middle = get(bob, url, "bytes=100-1099");
        assertEquals(206, middle.statusCode());
        assertArrayEquals(Arrays.copyOfRange(photo, 100, 1100), middle.body());
        assertEquals("bytes 100-1099/" + photo.length, middle.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> tail = get(bob, url, "bytes=-10");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(photo, photo.length - 10, photo.length), tail.body());
        HttpResponse<byte[]> beyond = get(bob, url, "bytes=" + photo.length + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + photo.length, beyond.headers().firstValue("Content-Range").orElseThrow());

        HttpResponse<byte[]> thumbnail = get(bob, thumbnailUrl, null);
        assertEquals(200, thumbnail.statusCode());
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertEquals(400, small.getWidth());
        assertEquals(300, small.getHeight());
        assertFalse(contains(thumbnail.body(), GPS_SECRET), "the thumbnail has none of the photo's metadata");
        assertFalse(contains(thumbnail.body(), "Exif"));
        assertTrue(contains(photo, GPS_SECRET), "(the photo itself had it)");

        // an outsider learns nothing: the same answer as for a file that never existed
        HttpResponse<byte[]> outsider = get(eve, url, null);
        HttpResponse<byte[]> missing = get(eve, "/api/v1/chat/files/" + UUID.randomUUID(), null);
        assertEquals(404, outsider.statusCode());
        assertEquals(new String(missing.body(), StandardCharsets.UTF_8), new String(outsider.body(), StandardCharsets.UTF_8));
        assertEquals(404, get(eve, thumbnailUrl, null).statusCode());
        assertEquals(401, http(HttpRequest.newBuilder(chat.api().base().resolve(url)).GET()).statusCode());
    }

    @Test
    void pagesAndScriptsAreDownloadsNeverPages() {
        ChatUser ana = chat.newUser("ana");
        String room = chat.createRoom(ana, "private");
        byte[] page = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        JsonObject file = uploaded(ana, room, "relatório \"2026\".html", "image/png", page);
        assertEquals("text/html", file.getString("contentType"));
        assertEquals("relatório 2026.html", file.getString("name"), "as a browser sends it: UTF-8, quotes as %22");
        assertFalse(file.containsKey("thumbnailUrl"));
        HttpResponse<byte[]> served = get(ana, file.getString("url"), null);
        assertEquals(200, served.statusCode());
        assertArrayEquals(page, served.body());
        String disposition = served.headers().firstValue("Content-Disposition").orElseThrow();
        assertTrue(disposition.startsWith("attachment;"), disposition);
        assertTrue(disposition.contains("filename*=UTF-8''relat%C3%B3rio%202026.html"), disposition);
        assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(served.headers().firstValue("Content-Security-Policy").orElseThrow().contains("sandbox"));

        // bytes lost from the store (a partial restore): a 404, never a 200 cut off mid-body
        try (MongoClient mongo = MongoClients.create(System.getProperty("blau.mongodb.uri", "mongodb://127.0.0.1:17017"))) {
            mongo.getDatabase("blau").getCollection("files.files").deleteOne(Filters.eq("_id", file.getString("id")));
        }
        HttpResponse<byte[]> lost = get(ana, file.getString("url"), null);
        assertEquals(404, lost.statusCode());
        assertTrue(new String(lost.body(), StandardCharsets.UTF_8).contains("file-not-found"));
    }

    @Test
    void onlyTheSendersOwnUnsentUploadsToThatRoomAreAttachedOnce() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        String room = chat.createRoom(ana, "private", bob);
        String other = chat.createRoom(ana, "private", bob);
        String anas = uploaded(ana, room, "a.txt", "text/plain", "ana's notes".getBytes(StandardCharsets.UTF_8))
                .getString("id");
        String elsewhere = uploaded(ana, other, "b.txt", "text/plain", "other room".getBytes(StandardCharsets.UTF_8))
                .getString("id");

        assertEquals("invalid-attachment", problem(send(bob, room, "mine now", "c1", anas)));
        assertEquals("invalid-attachment", problem(send(ana, room, "wrong room", "c2", elsewhere)));
        assertEquals("invalid-attachment", problem(send(ana, room, "nothing", "c3", UUID.randomUUID().toString())));
        assertEquals("validation", problem(send(ana, room, " ", "c4")), "no text and no file is no message");

        Api.Answer first = send(ana, room, "notes", "c5", anas);
        assertEquals(201, first.status(), first.toString());
        Api.Answer retry = send(ana, room, "notes", "c5", anas);
        assertEquals(201, retry.status(), "a retry of the same send is free");
        assertEquals(first.json().getJsonNumber("seq"), retry.json().getJsonNumber("seq"));
        assertEquals("invalid-attachment", problem(send(ana, room, "again", "c6", anas)), "a file is sent once");
        assertEquals(200, get(bob, "/api/v1/chat/files/" + anas, null).statusCode(), "sent: the room sees it");
    }

    @Test
    void aFileIsSentOverTheSocketAndReachesTheRoomWithItsMessage() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        String room = chat.createRoom(ana, "private", bob);
        String id = uploaded(ana, room, "plan.pdf", "application/pdf", pdf()).getString("id");
        try (ChatSocket anas = chat.connect(ana); ChatSocket bobs = chat.connect(bob)) {
            anas.join(room, null);
            bobs.join(room, null);
            anas.send(Json.createObjectBuilder().add("type", "send_message").add("roomId", room)
                    .add("clientMsgId", "s1").add("attachments", Json.createArrayBuilder().add(id)).build());
            JsonObject ack = anas.await(ChatSocket.type("ack"));
            assertEquals("", ack.getJsonObject("message").getString("text"));
            JsonObject received = bobs.await(f -> "message_received".equals(f.getString("type"))).getJsonObject("message");
            JsonObject file = received.getJsonArray("attachments").getJsonObject(0);
            assertEquals(id, file.getString("id"));
            assertEquals("application/pdf", file.getString("contentType"));
            assertEquals("plan.pdf", file.getString("name"));

            anas.send(Json.createObjectBuilder().add("type", "send_message").add("roomId", room)
                    .add("clientMsgId", "s2").add("attachments", Json.createArrayBuilder().add(id)).build());
            JsonObject refused = anas.await(f -> "error".equals(f.getString("type")) && "s2".equals(f.getString("ref", "")));
            assertEquals("invalid-attachment", refused.getString("code"));
        }
        // a message of files alone is found by their names
        String name = "plan.pdf";
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Api.Answer found = chat.call("GET", bob, "/search?q=" + name + "&roomId=" + room, null);
            return found.status() == 200 && found.json().getJsonArray("results").size() == 1;
        });
    }

    @Test
    void tooLargeAndEmptyFilesAreRefusedWithTheirReasons() {
        ChatUser ana = chat.newUser("ana");
        String room = chat.createRoom(ana, "private");
        byte[] mebibytes = new byte[3 * 1024 * 1024];
        new java.util.Random(1).nextBytes(mebibytes);
        JsonObject kept = uploaded(ana, room, "large.bin", "application/octet-stream", mebibytes);
        assertArrayEquals(mebibytes, get(ana, kept.getString("url"), null).body(), "MiBs, whole");
        byte[] oneTooMany = new byte[25 * 1024 * 1024 + 1];
        Api.Answer large = upload(ana, room, "big.bin", "application/octet-stream", oneTooMany);
        assertEquals(413, large.status(), large.toString());
        assertEquals("application/problem+json", large.contentType());
        assertTrue(large.json().getString("detail").contains("26214400"), large.toString());
        Api.Answer empty = upload(ana, room, "empty.txt", "text/plain", new byte[0]);
        assertEquals(400, empty.status());
        assertEquals("invalid-file", problem(empty));
        Api.Answer outsider = upload(chat.newUser("eve"), room, "x.txt", "text/plain", new byte[]{1});
        assertEquals(404, outsider.status(), "only members upload to a room");
    }

    @Test
    void filesGoWithTheirMessageWithTheirRoomAndWhenNeverSent() throws SQLException {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        String room = chat.createRoom(ana, "private", bob);
        String inMessage = uploaded(ana, room, "a.png", "image/png", png()).getString("id");
        String inRoom = uploaded(ana, room, "b.txt", "text/plain", "b".getBytes(StandardCharsets.UTF_8)).getString("id");
        String unsent = uploaded(ana, room, "c.txt", "text/plain", "c".getBytes(StandardCharsets.UTF_8)).getString("id");
        String sentButUnmarked = uploaded(ana, room, "d.txt", "text/plain", "d".getBytes(StandardCharsets.UTF_8))
                .getString("id");
        long seq = sent(ana, room, "with a picture", inMessage).getJsonNumber("seq").longValue();
        sent(ana, room, "with notes", inRoom);
        sent(ana, room, "with more notes", sentButUnmarked);
        try (MongoClient mongo = MongoClients.create(System.getProperty("blau.mongodb.uri", "mongodb://127.0.0.1:17017"));
             Connection db = database()) {
            var blobs = mongo.getDatabase("blau").getCollection("files.files");
            assertTrue(blobs.countDocuments(Filters.in("_id", inMessage, inMessage + ".thumbnail", inRoom, unsent)) == 4);

            // a day passes: the unsent upload expires; the sent one the database lost track of stays
            update(db, "UPDATE chat.chat_file SET created_at = now() - interval '2 days' WHERE id IN (?, ?)", unsent,
                    sentButUnmarked);
            update(db, "UPDATE chat.chat_file SET message_seq = NULL WHERE id = ?", sentButUnmarked);
            assertEquals(204, chat.call("DELETE", ana, "/rooms/" + room + "/messages/" + seq, null).status());
            assertEquals(404, get(bob, "/api/v1/chat/files/" + inMessage, null).statusCode(), "gone with its message");
            await().atMost(SWEPT).until(() -> blobs.countDocuments(Filters.in("_id", inMessage, inMessage + ".thumbnail",
                    unsent)) == 0);
            assertEquals(404, get(ana, "/api/v1/chat/files/" + unsent, null).statusCode());
            assertEquals(200, get(bob, "/api/v1/chat/files/" + sentButUnmarked, null).statusCode());
            assertNotNull(messageSeq(db, sentButUnmarked), "recognised as sent, through the store");
            assertTrue(blobs.countDocuments(Filters.eq("_id", inRoom)) == 1);

            assertEquals(204, chat.call("DELETE", ana, "/rooms/" + room, null).status());
            await().atMost(SWEPT).until(() -> blobs.countDocuments(Filters.in("_id", inRoom, sentButUnmarked)) == 0);
            assertEquals(0, mongo.getDatabase("blau").getCollection("files.chunks")
                    .countDocuments(Filters.in("files_id", inMessage, inRoom, unsent, sentButUnmarked)), "chunks too");
            assertEquals(0, count(db, "SELECT count(*) FROM chat.chat_file_trash WHERE file_id IN (?, ?, ?, ?)",
                    inMessage, inRoom, unsent, sentButUnmarked));
        }
    }

    // --- helpers

    private JsonObject uploaded(ChatUser user, String room, String name, String type, byte[] content) {
        Api.Answer answer = upload(user, room, name, type, content);
        assertEquals(201, answer.status(), answer.toString());
        return answer.json();
    }

    private Api.Answer upload(ChatUser user, String room, String name, String type, byte[] content) {
        String boundary = "----blau" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name.replace("\"", "%22") + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return chat.api().send(HttpRequest.newBuilder(chat.api().base().resolve(Chat.BASE + "/rooms/" + room + "/files"))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private JsonObject sent(ChatUser user, String room, String text, String fileId) {
        Api.Answer answer = send(user, room, text, UUID.randomUUID().toString(), fileId);
        assertEquals(201, answer.status(), answer.toString());
        return answer.json();
    }

    private Api.Answer send(ChatUser user, String room, String text, String clientMsgId, String... fileIds) {
        var ids = Json.createArrayBuilder();
        List.of(fileIds).forEach(ids::add);
        return chat.call("POST", user, "/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", text)
                .add("clientMsgId", clientMsgId).add("attachments", ids).build().toString());
    }

    private static String problem(Api.Answer answer) {
        String type = answer.json().getString("type");
        return type.substring(type.lastIndexOf('/') + 1);
    }

    private HttpResponse<byte[]> get(ChatUser user, String path, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(chat.api().base().resolve(path))
                .header("Authorization", "Bearer " + user.token()).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return http(request);
    }

    private HttpResponse<byte[]> http(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("blau.postgres.url",
                "jdbc:postgresql://127.0.0.1:15432/blau"), "blau", "blau");
    }

    private static void update(Connection db, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static long count(Connection db, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Long messageSeq(Connection db, String fileId) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("SELECT message_seq FROM chat.chat_file WHERE id = ?")) {
            statement.setString(1, fileId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? (Long) rows.getObject(1) : null;
            }
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    /** A JPEG with an EXIF segment (APP1) carrying a GPS-like text, as a phone's photo would. */
    static byte[] jpegWithExif(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        byte[] plain = jpeg.toByteArray();
        // Exif header, then a little-endian TIFF header with no directories, then the secret as trailing data
        byte[] tiff = new byte[]{'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] secret = GPS_SECRET.getBytes(StandardCharsets.US_ASCII);
        int length = 2 + 6 + tiff.length + secret.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tiff);
        out.writeBytes(secret);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(3, 3, Color.RED.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
    }
}
