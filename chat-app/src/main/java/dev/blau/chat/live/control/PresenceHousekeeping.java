package dev.blau.chat.live.control;

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

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.events.control.ChatEvents;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.presence.control.Presence;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.users.control.ChatUsers;

/**
 * Keeps this server alive in Redis (one write every few seconds, however many sockets it
 * holds), retries departures Redis refused, and announces the users of servers that stopped,
 * once, by whichever server claims the dead server first.
 */
@ApplicationScoped
public class PresenceHousekeeping {

    private static final Logger LOG = Logger.getLogger(PresenceHousekeeping.class.getName());
    private static final long PERIOD_SECONDS = 10;

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
    ChatEvents events;

    @Inject
    Departures departures;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        task = scheduler.scheduleWithFixedDelay(this::run, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void run() {
        try {
            // the sockets are listed only when Redis lost this server's registrations
            presence.heartbeat(() -> live.all().stream().filter(Connection::isOpen)
                    .map(c -> new Presence.Socket(c.userId(), c.id())).toList(), System.currentTimeMillis());
            departures.retryFailed();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Presence heartbeat failed; next try in " + PERIOD_SECONDS + " s", e);
        }
        try {
            for (String userId : presence.sweepDeadServers(10)) {
                if (live.hasConnections(userId)) {
                    continue; // connected here meanwhile
                }
                UserRef user = users.find(userId).orElse(new UserRef(userId, userId, userId));
                events.publish(ChatEvent.presence(user, Presence.OFFLINE, rooms.roomIdsOf(userId)));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Stopped servers' presence not swept; next try in " + PERIOD_SECONDS + " s", e);
        }
    }
}
