package dev.blau.chat.files.control;

import java.awt.Dimension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.files.entity.ChatFile;
import dev.blau.chat.messages.control.Attachments;
import dev.blau.chat.messages.control.RoomAccess;
import dev.blau.chat.messages.control.SendRateLimit;
import dev.blau.chat.messages.entity.Attachment;
import dev.blau.chat.messages.entity.Message;
import dev.blau.common.problem.ProblemException;

/**
 * Files in rooms: an upload is kept (bytes in the {@link BlobStore}, a row in {@code chat_file})
 * before any message names it; a send claims it; only then do the room's other members see it.
 * Uploads never sent expire ({@link FileHousekeeping}); a deleted message or room takes its
 * files with it, through the trash the database fills in the same transaction.
 */
@ApplicationScoped
public class Files implements Attachments {

    private static final Logger LOG = Logger.getLogger(Files.class.getName());
    private static final int MAX_NAME_LENGTH = 255;

    @Inject
    FileRecords records;

    @Inject
    BlobStore blobs;

    @Inject
    RoomAccess rooms;

    @Inject
    SendRateLimit rateLimit;

    @Inject
    @ConfigProperty(name = "chat.max.file.bytes", defaultValue = "26214400")
    long maxBytes;

    /** Decoding an image takes memory in proportion to its pixels: a few at a time per server. */
    private final Semaphore decoders = new Semaphore(2);

    public long maxBytes() {
        return maxBytes;
    }

    /** What was uploaded; {@code content} is read to its end or until it passes the limit ({@code 413}). */
    public ChatFile upload(Caller caller, String roomId, String name, InputStream content) throws IOException {
        rooms.requireSender(roomId, caller.id());
        rateLimit.acquire(caller.id());
        String id = UUID.randomUUID().toString();
        try (UploadFile upload = UploadFile.copy(content, maxBytes)) {
            if (upload.tooLarge()) {
                throw ChatProblems.fileTooLarge(maxBytes);
            }
            if (upload.size() == 0) {
                throw ChatProblems.invalidFile("The file is empty: there is nothing to share.");
            }
            String fileName = cleanName(name);
            String type = FileInspector.detect(upload.path(), fileName);
            Path kept = upload.path();
            long length = upload.size();
            if ("image/jpeg".equals(type)) { // a photo is shared, not where it was taken
                byte[] stripped = FileInspector.jpegWithoutLocation(kept);
                if (stripped != null) {
                    kept = java.nio.file.Files.write(upload.sibling("stripped"), stripped);
                    length = stripped.length;
                }
            }
            Dimension size = null;
            boolean thumbnail = false;
            if (FileInspector.isInlineImage(type)) {
                size = FileInspector.dimensions(kept, type);
                Path thumb = upload.sibling("thumbnail");
                decoders.acquireUninterruptibly();
                try {
                    thumbnail = FileInspector.thumbnail(kept, type, size, thumb);
                } finally {
                    decoders.release();
                }
                if (thumbnail) {
                    blobs.put(ChatFile.thumbnailKey(id), thumb, FileInspector.thumbnailType(type));
                }
            }
            blobs.put(ChatFile.blobKey(id), kept, type);
            ChatFile file = new ChatFile(id, roomId, caller.id(), fileName, type, length,
                    size == null ? null : size.width, size == null ? null : size.height, thumbnail, Instant.now());
            try {
                return records.insert(file);
            } catch (RuntimeException e) {
                forget(file); // no row names these bytes
                throw e;
            }
        }
    }

    /**
     * The file, for a member of its room; an upload not yet sent only for its uploader. Anyone
     * else gets {@code file-not-found}, exactly as for a file that does not exist.
     */
    public ChatFile readable(String fileId, String userId) {
        ChatFile file = records.find(fileId);
        if (file == null || (file.clientMsgId() == null && !file.uploaderId().equals(userId))) {
            throw ChatProblems.fileNotFound();
        }
        try {
            rooms.requireMember(file.roomId(), userId);
        } catch (ProblemException e) {
            throw ChatProblems.fileNotFound();
        }
        return file;
    }

    /**
     * {@code length} bytes (-1: all) of the file or its thumbnail from {@code offset}, opened before
     * anything is answered: bytes the store no longer has are {@code file-not-found}, not a cut-off 200.
     */
    public InputStream open(String key, long offset, long length) throws IOException {
        try {
            return blobs.open(key, offset, length);
        } catch (MissingBlobException e) {
            LOG.warning("A file's row names bytes the blob store does not have: " + key);
            throw ChatProblems.fileNotFound();
        }
    }

    @Override
    public List<Attachment> claim(String roomId, String senderId, String clientMsgId, List<String> fileIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(fileIds));
        if (ids.size() > MAX_PER_MESSAGE) {
            throw ChatProblems.invalid("attachments", "must be at most " + MAX_PER_MESSAGE + " files");
        }
        if (ids.stream().anyMatch(id -> id == null || id.length() > FileRecords.MAX_ID_LENGTH)) {
            throw ChatProblems.invalidAttachment("An attachment is not an uploaded file's id.");
        }
        return records.claim(roomId, senderId, clientMsgId, ids).stream().map(ChatFile::attachment).toList();
    }

    @Override
    public void sent(String roomId, String senderId, String clientMsgId, long seq) {
        try {
            records.markSent(roomId, senderId, clientMsgId, seq);
        } catch (RuntimeException e) { // the message is stored: expiry checks the store before removing anything
            LOG.log(Level.WARNING, "Could not mark the files of " + roomId + ":" + seq + " sent", e);
        }
    }

    @Override
    public void deleted(Message message) {
        if (message.clientMsgId() != null) {
            records.deleteSent(message.roomId(), message.senderId(), message.clientMsgId());
        }
    }

    /** Removes both blobs of a file no row names (best effort: an orphan costs space, nothing else). */
    void forget(ChatFile file) {
        try {
            blobs.delete(file.blobKey());
            if (file.hasThumbnail()) {
                blobs.delete(file.thumbnailKey());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the blobs of " + file.id(), e);
        }
    }

    // a client's name for the file, as a name and nothing more: no folders, no control characters
    static String cleanName(String name) {
        String base = name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String clean = base.codePoints().filter(c -> !Character.isISOControl(c) && c != '"')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            return "file";
        }
        if (clean.length() > MAX_NAME_LENGTH) {
            int end = MAX_NAME_LENGTH;
            if (Character.isHighSurrogate(clean.charAt(end - 1))) {
                end--;
            }
            clean = clean.substring(0, end);
        }
        return clean;
    }
}
