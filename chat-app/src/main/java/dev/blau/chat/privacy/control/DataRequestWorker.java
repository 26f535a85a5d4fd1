package dev.blau.chat.privacy.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.blau.chat.files.control.BlobStore;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.privacy.DataRequest;
import dev.blau.common.privacy.DataRequests;

/**
 * chat-app's part of the data requests auth-app records: writes export archives, erases
 * accounts' chat data, and removes archives past their expiry. It looks for work every
 * {@code chat.privacy.poll-seconds} and at once when auth-app announces a request; the
 * ledger, not the announcement, is the truth, so a missed one only waits for the next look.
 * One request at a time per server; each is held by a lease, so servers share the work and
 * one that stops midway leaves it to another.
 */
@ApplicationScoped
public class DataRequestWorker {

    private static final Logger LOG = Logger.getLogger(DataRequestWorker.class.getName());
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final int MAX_EXPORT_ATTEMPTS = 5;
    private static final int PER_ROUND = 10;
    /** The actor of records no person made: the erasure completing. */
    static final String SYSTEM_ACTOR = "system:erasure";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Inject
    DataRequests requests;

    @Inject
    DataArchive archive;

    @Inject
    ChatErasure erasure;

    @Inject
    BlobStore blobs;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "chat.privacy.poll-seconds", defaultValue = "15")
    long pollSeconds;

    /** How long after an erasure was asked for a pass that changes nothing ends it (the search projection's lag). */
    @Inject
    @ConfigProperty(name = "chat.privacy.settle-seconds", defaultValue = "30")
    long settleSeconds;

    @Inject
    @ConfigProperty(name = "chat.exports.keep-days", defaultValue = "7")
    long keepDays;

    private final AtomicBoolean working = new AtomicBoolean();
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        task = scheduler.scheduleWithFixedDelay(this::round, pollSeconds, pollSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** A request was announced: look now rather than at the next round. */
    public void wake() {
        try {
            executor.execute(this::round);
        } catch (RejectedExecutionException e) {
            LOG.fine("Data requests wait for the next round: " + e.getMessage());
        }
    }

    /** Up to a few requests, then the expired archives; one round at a time on this server. */
    void round() {
        if (!working.compareAndSet(false, true)) {
            return;
        }
        try {
            for (int i = 0; i < PER_ROUND; i++) {
                Optional<DataRequest> next = requests.claimChatPart(LEASE);
                if (next.isEmpty()) {
                    break;
                }
                work(next.get());
            }
            removeExpiredArchives();
        } catch (RuntimeException e) { // PostgreSQL away: the next round tries again
            LOG.log(Level.WARNING, "Data requests not worked on: " + e.getMessage(), e);
        } finally {
            working.set(false);
        }
    }

    private void work(DataRequest request) {
        LOG.fine(() -> "Working on " + request.kind().wire() + " " + request.id() + " (attempt " + request.attempts() + ")");
        try {
            switch (request.kind()) {
                case EXPORT -> export(request);
                case ERASURE -> erase(request);
            }
        } catch (IOException | RuntimeException e) {
            if (request.kind() == DataRequest.Kind.EXPORT && request.attempts() >= MAX_EXPORT_ATTEMPTS) {
                requests.failed(request.id(), e.getMessage());
                LOG.log(Level.WARNING, "Export " + request.id() + " given up after " + request.attempts() + " attempts", e);
            } else { // an erasure is never given up: it converges once the store or the database is back
                Duration delay = Duration.ofSeconds(Math.min(600, 15L << Math.min(request.attempts(), 5)));
                requests.chatPartLater(request.id(), delay, e.getMessage());
                LOG.log(Level.WARNING, request.kind().wire() + " " + request.id() + " failed, trying again in "
                        + delay.toSeconds() + " s: " + e.getMessage(), e);
            }
        }
    }

    private void export(DataRequest request) throws IOException {
        Path file = Files.createTempFile("blau-export-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                archive.write(request.userId(), request.profile(), out);
            }
            String key = "exports/" + request.id() + ".zip";
            blobs.put(key, file, "application/zip");
            long size = Files.size(file);
            requests.archived(request.id(), key, size, Instant.now().plus(Duration.ofDays(keepDays)));
            LOG.info(() -> "Export " + request.id() + " of " + request.userId() + " ready: " + size + " bytes");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void erase(DataRequest request) throws IOException {
        long started = System.nanoTime();
        int changed = erasure.erase(request.userId());
        long millis = (System.nanoTime() - started) / 1_000_000;
        for (DataRequest kept : requests.keptArchivesOf(request.userId())) {
            blobs.delete(kept.archiveKey());
            requests.archiveRemoved(kept.id());
        }
        // a message sent just before the erasure reaches the search projection a moment later: look once more
        boolean settled = request.requestedAt().isBefore(Instant.now().minusSeconds(settleSeconds));
        if (changed > 0 || !settled) {
            requests.chatPartLater(request.id(), Duration.ofSeconds(settleSeconds), null);
            LOG.info(() -> "Erasure " + request.id() + ": " + changed + " messages erased in " + millis
                    + " ms; looking again in " + settleSeconds + " s");
            return;
        }
        if (requests.chatPartDone(request.id())) {
            audit.record(SYSTEM_ACTOR, "user.erase.complete", "user:" + request.userId(), Map.of("request", request.id()));
        }
        LOG.info(() -> "Erasure " + request.id() + ": chat data of " + request.userId() + " erased");
    }

    private void removeExpiredArchives() {
        for (DataRequest expired : requests.expiredArchives(50)) {
            try {
                blobs.delete(expired.archiveKey());
                requests.archiveRemoved(expired.id());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Archive of export " + expired.id() + " not removed yet: " + e.getMessage());
                return;
            }
        }
    }
}
