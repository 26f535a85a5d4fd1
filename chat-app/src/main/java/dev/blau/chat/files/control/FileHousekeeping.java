package dev.blau.chat.files.control;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.blau.chat.files.entity.ChatFile;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.entity.Attachment;
import dev.blau.chat.messages.entity.Message;

/**
 * The files' background work, in bounded batches: the blob store's own setup; the trash
 * emptied (bytes of deleted files removed, then their entries); uploads never sent expire after
 * {@code chat.files.unsent-hours}. An upload whose send was stored but not marked (the database
 * was away for a moment) is recognised through the store and kept. Every server runs it; each
 * step is harmless to repeat.
 */
@ApplicationScoped
public class FileHousekeeping {

    private static final Logger LOG = Logger.getLogger(FileHousekeeping.class.getName());
    private static final int BATCH = 100;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    BlobStore blobs;

    @Inject
    FileRecords records;

    @Inject
    MessageStore store;

    @Inject
    @ConfigProperty(name = "chat.files.unsent-hours", defaultValue = "24")
    long unsentHours;

    @Inject
    @ConfigProperty(name = "chat.files.sweep-seconds", defaultValue = "30")
    long sweepSeconds;

    private volatile boolean ready;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        tasks.add(scheduler.scheduleWithFixedDelay(() -> {
            step("blob store", this::prepare);
            step("trash", this::emptyTrash);
            step("unsent uploads", this::expireUnsent);
        }, 5, sweepSeconds, TimeUnit.SECONDS));
    }

    @PreDestroy
    void stop() {
        tasks.forEach(task -> task.cancel(false));
    }

    void prepare() {
        if (ready) {
            return;
        }
        if (blobs instanceof GridFsBlobStore gridFs) {
            gridFs.ensureIndexes();
        } else if (blobs instanceof S3BlobStore s3) {
            s3.ensureBucket();
        }
        ready = true;
    }

    /** Removes the bytes of deleted files; returns how many files' bytes went. */
    public int emptyTrash() throws IOException {
        int removed = 0;
        for (FileRecords.Trashed trashed : records.trash(BATCH)) {
            blobs.delete(ChatFile.blobKey(trashed.fileId()));
            if (trashed.thumbnail()) {
                blobs.delete(ChatFile.thumbnailKey(trashed.fileId()));
            }
            records.emptied(trashed.fileId());
            removed++;
        }
        return removed;
    }

    /** Deletes uploads older than the limit that no stored message carries; returns how many. */
    public int expireUnsent() {
        Instant cutoff = Instant.now().minus(Duration.ofHours(unsentHours));
        int expired = 0;
        for (ChatFile file : records.unsentBefore(cutoff, BATCH)) {
            Optional<Message> carrier = file.clientMsgId() == null ? Optional.empty()
                    : store.findSent(file.roomId(), file.uploaderId(), file.clientMsgId());
            boolean carried = carrier.map(m -> m.files().stream().map(Attachment::id).anyMatch(file.id()::equals))
                    .orElse(false);
            if (carried) {
                records.markSent(file.roomId(), file.uploaderId(), file.clientMsgId(), carrier.get().seq());
            } else {
                records.delete(file.id());
                expired++;
            }
        }
        return expired;
    }

    private static void step(String name, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "File housekeeping (" + name + ") failed; it runs again shortly", e);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
