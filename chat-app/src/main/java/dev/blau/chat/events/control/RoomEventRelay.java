package dev.blau.chat.events.control;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.Initialized;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.events.entity.ChatEventJson;

/**
 * Room changes fire a {@link ChatEvent}: stored in the {@link EventOutbox} within the change's
 * transaction, published once it committed, deleted from the outbox once Kafka has it. What
 * is still in the outbox after a while is published again by any server ({@link #relayPending}).
 */
@ApplicationScoped
public class RoomEventRelay {

    private static final Logger LOG = Logger.getLogger(RoomEventRelay.class.getName());

    @Inject
    EventOutbox outbox;

    @Inject
    ChatEvents events;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private static final long RELAY_AFTER_SECONDS = 10;
    private final Set<String> relaying = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                relayPending(Instant.now().minusSeconds(RELAY_AFTER_SECONDS), 500);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Room event relay failed; next try in " + RELAY_AFTER_SECONDS + " s", e);
            }
        }, RELAY_AFTER_SECONDS, RELAY_AFTER_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void onChange(@Observes ChatEvent event) {
        outbox.record(event.eventId(), ChatEventJson.toJson(event));
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChatEvent event) {
        relay(event);
    }

    /** Publishes events stored before {@code olderThan} that Kafka has not taken yet, oldest first. */
    public void relayPending(Instant olderThan, int limit) {
        List<String> waiting = outbox.pending(olderThan, limit);
        if (!waiting.isEmpty()) {
            LOG.info(() -> "Relaying " + waiting.size() + " room events Kafka has not taken yet");
            waiting.forEach(payload -> relay(ChatEventJson.fromJson(payload)));
        }
    }

    private void relay(ChatEvent event) {
        if (!relaying.add(event.eventId())) {
            return; // still on its way
        }
        events.publish(event, () -> executor.execute(() -> {
            try {
                outbox.delivered(event.eventId());
            } finally {
                relaying.remove(event.eventId());
            }
        }), () -> relaying.remove(event.eventId()));
    }
}
