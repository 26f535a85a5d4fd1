package dev.blau.chat.search.control;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import dev.blau.chat.events.entity.ChatEvent;

/**
 * Feeds the search index in batches: the consumer hands each chat event over with the way to
 * acknowledge it, and a writer applies what has gathered every {@value #FLUSH_MILLIS} ms in one
 * transaction, then acknowledges the records in the order they came. A record is acknowledged
 * only once it is in PostgreSQL, so a server that stops loses nothing: the group starts again at
 * its last committed offset. When PostgreSQL is down the batch waits and is retried, with a
 * growing pause; the consumer stops receiving once the connector's limit of unacknowledged
 * records is reached.
 */
@ApplicationScoped
public class SearchFeed {

    private static final Logger LOG = Logger.getLogger(SearchFeed.class.getName());
    static final long FLUSH_MILLIS = 50;
    private static final int MAX_BATCH = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** A record to acknowledge, and the event in it (null: nothing search needs). */
    public record Pending(ChatEvent event, Runnable ack) {
    }

    @Inject
    SearchIndex index;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    /** Taken from the queue but not yet written: retried first. Touched by the writer only. */
    private final List<Pending> batch = new ArrayList<>();
    private long backoffMillis;
    private long retryAt;
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        task = scheduler.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Blocks while the writer is {@code 10,000} records behind: the consumer waits, nothing is dropped. */
    public void accept(Pending pending) throws InterruptedException {
        queue.put(pending);
    }

    void flush() {
        try {
            if (System.currentTimeMillis() >= retryAt) {
                queue.drainTo(batch, MAX_BATCH - batch.size());
                if (!batch.isEmpty()) {
                    write();
                }
            }
        } catch (RuntimeException e) { // the schedule must go on whatever happens
            LOG.log(Level.SEVERE, "Search feed failed", e);
        }
    }

    private void write() {
        try {
            apply(batch);
        } catch (RuntimeException e) {
            if (!badData(e)) {
                backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(500, backoffMillis * 2));
                retryAt = System.currentTimeMillis() + backoffMillis;
                LOG.log(Level.WARNING, "Search index not written (" + batch.size() + " events); retrying in "
                        + backoffMillis + " ms", e);
                return;
            }
            // the database refused an event's data: write them one by one and skip the refused one
            for (Pending one : batch) {
                try {
                    apply(List.of(one));
                } catch (RuntimeException refused) {
                    if (!badData(refused)) {
                        throw refused;
                    }
                    LOG.log(Level.WARNING, "Search index skips an event it cannot store: " + one.event(), refused);
                }
            }
        }
        backoffMillis = 0;
        batch.forEach(p -> p.ack().run());
        batch.clear();
    }

    private void apply(List<Pending> pending) {
        List<ChatEvent> events = pending.stream().map(Pending::event)
                .filter(e -> e != null && SearchIndex.concerns(e)).toList();
        if (!events.isEmpty()) {
            index.apply(events);
        }
    }

    /** Refused for what it holds (SQL states 22: data exception, 23: integrity), not for an outage. */
    private static boolean badData(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
