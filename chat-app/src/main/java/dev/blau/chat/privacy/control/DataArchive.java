package dev.blau.chat.privacy.control;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;

import dev.blau.chat.files.control.BlobStore;
import dev.blau.chat.files.control.MissingBlobException;
import dev.blau.chat.files.entity.ChatFile;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.entity.Attachment;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.rooms.control.RoomRepository;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.search.control.AuthoredMessages;
import dev.blau.common.json.JsonProcessing;

/**
 * The archive of an export: a ZIP of JSON files a person can read and another service can
 * import — {@code profile.json}, {@code memberships.json}, {@code messages.json} (what they
 * wrote and still stands, room by room in order) and {@code files/} (the files they sent) —
 * written as a stream: a history of any length costs a page of messages in memory.
 */
@ApplicationScoped
public class DataArchive {

    static final int PAGE = 100;
    private static final String README = """
            Your data in BLAU, as JSON (UTF-8):

            profile.json      your profile
            memberships.json  the rooms you belong to, your role in each
            messages.json     the messages you wrote that were not deleted, by room and order
            files/            the files you sent, each under its id (messages.json names them)
            """;

    @Inject
    Rooms rooms;

    @Inject
    RoomRepository roomRepository;

    @Inject
    AuthoredMessages authored;

    @Inject
    MessageStore store;

    @Inject
    BlobStore blobs;

    /** Writes the archive of {@code userId}'s data to {@code out}; {@code profileJson} as auth-app gave it. */
    public void write(String userId, String profileJson, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        entry(zip, "README.txt");
        zip.write(README.getBytes(StandardCharsets.UTF_8));
        entry(zip, "profile.json");
        zip.write((profileJson == null ? "{}" : profileJson).getBytes(StandardCharsets.UTF_8));
        entry(zip, "memberships.json");
        writeMemberships(userId, zip);
        entry(zip, "messages.json");
        List<Attachment> files = writeMessages(userId, zip);
        Set<String> written = new LinkedHashSet<>();
        for (Attachment file : files) {
            if (written.add(file.id())) {
                writeFile(zip, file);
            }
        }
        zip.finish();
    }

    private void writeMemberships(String userId, ZipOutputStream zip) {
        try (JsonGenerator json = generator(zip)) {
            json.writeStartArray();
            for (Rooms.Membership membership : rooms.membershipsOf(userId)) {
                Room room = membership.room();
                json.writeStartObject()
                        .write("roomId", room.id())
                        .write("name", room.name())
                        .write("visibility", room.visibility().wire())
                        .write("role", membership.member().role().wire())
                        .write("joinedAt", membership.member().joinedAt().toString());
                if (room.description() != null) {
                    json.write("description", room.description());
                }
                Instant mutedUntil = membership.member().mutedUntil();
                if (mutedUntil != null) {
                    json.write("mutedUntil", mutedUntil.toString());
                }
                json.writeEnd();
            }
            json.writeEnd();
        }
    }

    // the messages, a page of keys at a time, each page read from the store by its unique key
    private List<Attachment> writeMessages(String userId, ZipOutputStream zip) {
        List<Attachment> files = new ArrayList<>();
        Map<String, Optional<Room>> roomsById = new HashMap<>();
        try (JsonGenerator json = generator(zip)) {
            json.writeStartArray();
            AuthoredMessages.Key after = null;
            while (true) {
                List<AuthoredMessages.Key> keys = authored.page(userId, after, true, PAGE);
                Map<String, List<Long>> byRoom = AuthoredMessages.byRoom(keys);
                for (Map.Entry<String, List<Long>> room : byRoom.entrySet()) {
                    String roomName = roomsById.computeIfAbsent(room.getKey(), roomRepository::find)
                            .map(Room::name).orElse(null);
                    for (Message message : store.bySeqs(room.getKey(), room.getValue())) {
                        if (message.isDeleted() || !userId.equals(message.senderId())) {
                            continue;
                        }
                        writeMessage(json, message, roomName);
                        files.addAll(message.files());
                    }
                }
                if (keys.size() < PAGE) {
                    break;
                }
                after = keys.get(keys.size() - 1);
            }
            json.writeEnd();
        }
        return files;
    }

    private static void writeMessage(JsonGenerator json, Message message, String roomName) {
        json.writeStartObject()
                .write("id", message.id())
                .write("roomId", message.roomId());
        if (roomName != null) {
            json.write("roomName", roomName);
        }
        json.write("seq", message.seq())
                .write("text", message.text())
                .write("createdAt", message.createdAt().toString());
        if (message.editedAt() != null) {
            json.write("editedAt", message.editedAt().toString());
        }
        if (message.replyTo() != null) {
            json.write("replyToSeq", message.replyTo().seq());
        }
        if (!message.files().isEmpty()) {
            json.writeStartArray("files");
            for (Attachment file : message.files()) {
                json.writeStartObject()
                        .write("id", file.id())
                        .write("name", file.name())
                        .write("contentType", file.contentType())
                        .write("size", file.size())
                        .write("path", path(file))
                        .writeEnd();
            }
            json.writeEnd();
        }
        json.writeEnd();
    }

    private void writeFile(ZipOutputStream zip, Attachment file) throws IOException {
        try (InputStream bytes = blobs.open(ChatFile.blobKey(file.id()), 0, -1)) {
            entry(zip, path(file));
            bytes.transferTo(zip);
        } catch (MissingBlobException e) {
            // removed since (retention, a deletion racing the export): the message lists it, the archive cannot
        }
    }

    static String path(Attachment file) {
        return "files/" + file.id() + "/" + file.name();
    }

    private static void entry(ZipOutputStream zip, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
    }

    // a generator that leaves the ZIP open when it closes: the next entry follows
    private static JsonGenerator generator(ZipOutputStream zip) {
        OutputStream entry = new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        return JsonProcessing.PROVIDER.createGenerator(entry);
    }
}
