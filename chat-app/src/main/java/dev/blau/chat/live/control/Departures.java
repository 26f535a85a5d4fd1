package dev.blau.chat.live.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.events.control.ChatEvents;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.presence.control.Presence;
import dev.blau.chat.rooms.control.Rooms;

/**
 * Closed sockets leave presence in batches: the socket's close handler only queues it, and
 * one task at a time takes everything queued to Redis in one pipeline, then announces who went
 * offline. Thousands of sockets closing at once hold one Redis connection, not thousands, and
 * no close waits for Redis. Should Redis be away, the batch waits for the next
 * {@link #retryFailed()} (the presence heartbeat's, every few seconds).
 */
@ApplicationScoped
public class Departures {

    private static final Logger LOG = Logger.getLogger(Departures.class.getName());
    private static final int BATCH = 1_000;

    @Inject
    Presence presence;

    @Inject
    LiveRooms live;

    @Inject
    Rooms rooms;

    @Inject
    ChatEvents events;

    @Resource
    ManagedExecutorService executor;

    private final ConcurrentLinkedQueue<Connection> closed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Connection> failed = new ConcurrentLinkedQueue<>();

    public void left(Connection connection) {
        closed.add(connection);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Tries again the departures Redis refused. */
    public void retryFailed() {
        for (Connection c = failed.poll(); c != null; c = failed.poll()) {
            left(c);
        }
    }

    void drain() {
        try {
            List<Connection> batch = new ArrayList<>();
            for (Connection c = closed.poll(); c != null; c = closed.poll()) {
                batch.add(c);
                if (batch.size() == BATCH || closed.isEmpty()) {
                    depart(batch);
                    batch = new ArrayList<>();
                }
            }
        } finally {
            draining.set(false);
            if (!closed.isEmpty() && draining.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }

    private void depart(List<Connection> batch) {
        try {
            Set<String> offline = presence.disconnectedAll(batch.stream()
                    .map(c -> new Presence.Socket(c.userId(), c.id())).toList());
            for (Connection connection : batch) {
                String userId = connection.userId();
                if (offline.remove(userId) && !live.hasConnections(userId)) {
                    UserRef user = connection.caller().ref();
                    events.publish(ChatEvent.presence(user, Presence.OFFLINE, rooms.roomIdsOf(userId)));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, batch.size() + " closed sockets not removed from presence; tried again later", e);
            failed.addAll(batch);
        }
    }
}
