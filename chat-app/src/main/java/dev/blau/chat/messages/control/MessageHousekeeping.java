package dev.blau.chat.messages.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.messages.entity.Message;

/**
 * The message store's background work, all of it batched and none of it per message: the
 * indexes exist; room heads reach {@code room_heads} every second; the outbox markers are
 * refreshed; messages Kafka did not confirm are handed to it again; rooms of servers that
 * died are republished; a deleted room's messages are removed.
 */
@ApplicationScoped
public class MessageHousekeeping {

    private static final Logger LOG = Logger.getLogger(MessageHousekeeping.class.getName());
    private static final long REPUBLISH_AFTER_MILLIS = 10_000;
    private static final int REPLAY_PAGE = 100;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Inject
    MongoMessageStore store;

    @Inject
    MessageOutbox outbox;

    @Inject
    Messages messages;

    private volatile boolean indexesReady;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        ensureIndexes();
        tasks.add(scheduler.scheduleWithFixedDelay(() -> step("room heads", store::flushHeads), 1, 1, TimeUnit.SECONDS));
        tasks.add(scheduler.scheduleWithFixedDelay(() -> {
            step("indexes", this::ensureIndexes);
            step("outbox markers", () -> outbox.refresh(roomId -> store.latestKnownSeq(roomId) + 1));
            step("unconfirmed messages", this::republishOverdue);
            step("unconfirmed changes", this::republishOverdueChanges);
        }, 5, 5, TimeUnit.SECONDS));
        // reading the markers is a scan of that (small) collection: every 30 s is enough, a marker is abandoned after 60 s
        tasks.add(scheduler.scheduleWithFixedDelay(() -> step("abandoned rooms", this::takeOverAbandoned),
                30, 30, TimeUnit.SECONDS));
    }

    @PreDestroy
    void stop() {
        tasks.forEach(task -> task.cancel(false));
    }

    /** A deleted room's messages go too: once, by the server whose transaction deleted it. */
    void onRoomDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChatEvent event) {
        if (ChatEvent.ROOM_DELETED.equals(event.type())) {
            executor.execute(() -> step("deleting room " + event.roomId(), () -> {
                store.deleteRoom(event.roomId());
                outbox.forget(event.roomId());
            }));
        }
    }

    private void ensureIndexes() {
        if (indexesReady) {
            return;
        }
        try {
            store.ensureIndexes();
            indexesReady = true;
        } catch (RuntimeException e) {
            LOG.warning(() -> "Message store indexes not created yet (" + e.getMessage() + "); retrying");
        }
    }

    private void republishOverdue() {
        Map<String, List<Long>> overdue = outbox.overdue(System.currentTimeMillis() - REPUBLISH_AFTER_MILLIS);
        overdue.forEach((roomId, seqs) -> {
            LOG.info(() -> "Handing " + seqs.size() + " messages of room " + roomId + " to Kafka again");
            List<String> ids = seqs.stream().map(seq -> MongoMessageStore.id(roomId, seq)).toList();
            store.byIds(ids).stream().sorted(java.util.Comparator.comparingLong(Message::seq)).forEach(messages::publish);
        });
    }

    private void republishOverdueChanges() {
        outbox.overdueChanges(System.currentTimeMillis() - REPUBLISH_AFTER_MILLIS).forEach((roomId, seqs) -> {
            LOG.info(() -> "Handing changes of " + seqs.size() + " messages of room " + roomId + " to Kafka again");
            store.bySeqs(roomId, seqs).forEach(messages::publishChange);
        });
    }

    private void takeOverAbandoned() {
        for (MessageOutbox.Abandoned marker : outbox.abandoned()) {
            LOG.info(() -> "Republishing room " + marker.roomId() + " from seq " + marker.fromSeq()
                    + ": the server that stored it stopped before Kafka confirmed");
            long cursor = marker.fromSeq() - 1;
            while (true) {
                List<Message> page = store.after(marker.roomId(), cursor, REPLAY_PAGE);
                page.forEach(messages::publish);
                if (page.size() < REPLAY_PAGE) {
                    break;
                }
                cursor = page.get(page.size() - 1).seq();
            }
            outbox.release(marker);
        }
    }

    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Message housekeeping step '" + name + "' failed; trying again shortly", e);
        }
    }
}
