package dev.blau.chat.live.control;

import java.time.Instant;
import java.util.List;
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
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.events.control.ChatEventPublisher;
import dev.blau.chat.events.control.EventOutbox;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.messages.control.Messages;
import dev.blau.chat.messages.control.MongoMessageStore;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.presence.control.Presence;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.users.control.ChatUsers;

/**
 * What every chat server does every few seconds: keeps its users' presence alive in Redis,
 * announces users whose server stopped, relays stored messages and room events Kafka has not
 * taken yet (the outboxes), and makes sure the message store's indexes exist.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());
    private static final long PERIOD_SECONDS = 10;
    private static final long RELAY_AFTER_SECONDS = 10;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    LiveRooms live;

    @Inject
    Presence presence;

    @Inject
    Rooms rooms;

    @Inject
    ChatUsers users;

    @Inject
    MongoMessageStore store;

    @Inject
    Messages messages;

    @Inject
    ChatEventPublisher publisher;

    @Inject
    EventOutbox outbox;

    private static final Jsonb JSON = JsonbBuilder.create();

    private volatile boolean indexesReady;
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        ensureIndexes();
        task = scheduler.scheduleWithFixedDelay(this::run, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void run() {
        step("indexes", this::ensureIndexes);
        step("heartbeats", this::heartbeats);
        step("expired presence", this::expiredPresence);
        step("outbox relay", this::relay);
        step("room event relay", this::relayRoomEvents);
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

    private void heartbeats() {
        long now = System.currentTimeMillis();
        for (Connection connection : live.all()) {
            if (connection.isOpen()) {
                presence.heartbeat(connection.userId(), connection.id(), now);
            }
        }
    }

    private void expiredPresence() {
        for (String userId : presence.claimExpired(100)) {
            if (live.hasConnections(userId)) {
                continue; // connected here again; the next heartbeat restores them
            }
            UserRef user = users.find(userId).orElse(new UserRef(userId, userId, userId));
            publisher.publish(ChatEvent.presence(user, Presence.OFFLINE, rooms.roomIdsOf(userId)), () -> { });
        }
    }

    private void relay() {
        List<Message> waiting = store.unpublished(Instant.now().minusSeconds(RELAY_AFTER_SECONDS), 500);
        if (!waiting.isEmpty()) {
            LOG.info(() -> "Relaying " + waiting.size() + " stored messages Kafka has not taken yet");
            waiting.forEach(messages::relay);
        }
    }

    private void relayRoomEvents() {
        List<String> waiting = outbox.pending(Instant.now().minusSeconds(RELAY_AFTER_SECONDS), 500);
        if (!waiting.isEmpty()) {
            LOG.info(() -> "Relaying " + waiting.size() + " room events Kafka has not taken yet");
            waiting.forEach(payload -> publisher.relayFromOutbox(JSON.fromJson(payload, ChatEvent.class)));
        }
    }

    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Housekeeping step '" + name + "' failed; next try in " + PERIOD_SECONDS + " s", e);
        }
    }
}
