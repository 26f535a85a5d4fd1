package dev.blau.chat.retention.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.blau.common.audit.AuditLog;

/**
 * Expires messages past their room's retention, in bounded batches: each sweep looks at up to
 * {@value #ROOMS_PER_SWEEP} rooms (a cursor goes round all of them over successive sweeps) and
 * at most {@value #MESSAGES_PER_SWEEP} of their messages, so a new policy over a long history is
 * worked off over time and never holds a room, the store or Kafka for long. A room's messages
 * are taken in seq order from where its last sweep stopped, up to the first one still within
 * the retention. Every server sweeps; a room is taken by one at a time. A sweep that expired
 * anything is audited ({@code retention.run}).
 */
@ApplicationScoped
public class RetentionSweep {

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class.getName());
    static final int ROOMS_PER_SWEEP = 500;
    static final int MESSAGES_PER_SWEEP = 2_000;
    /** The actor of the sweep's audit records: no person, the policy. */
    public static final String SYSTEM_ACTOR = "system:retention";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    RetentionPolicy policy;

    @Inject
    RoomExpiry expiry;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "chat.retention.sweep-seconds", defaultValue = "60")
    long sweepSeconds;

    /** Where the next sweep goes on in the round of rooms. */
    private String cursor = "";
    private ScheduledFuture<?> task;

    /** What one sweep did: rooms looked at, messages expired. */
    @Schema(name = "RetentionSweepOutcome")
    public record Outcome(int rooms, int messages) {
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) { // the database or the store away: the next sweep tries again
                LOG.log(Level.WARNING, "Retention sweep failed: " + e.getMessage(), e);
            }
        }, sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One sweep, now (the scheduler's, or an administrator's who wants a new policy applied at once). */
    public synchronized Outcome sweep() {
        Integer global = policy.globalDays();
        List<RetentionPolicy.RoomRetention> rooms = policy.rooms(cursor, global != null, ROOMS_PER_SWEEP);
        String next = rooms.size() < ROOMS_PER_SWEEP ? "" : rooms.get(rooms.size() - 1).roomId(); // round again from the start
        Instant now = Instant.now();
        int examined = 0;
        int expired = 0;
        int touched = 0;
        String finished = cursor; // the last room done with for now
        for (RetentionPolicy.RoomRetention room : rooms) {
            Integer days = RetentionPolicy.effective(global, room.days());
            if (days != null) {
                int budget = MESSAGES_PER_SWEEP - examined;
                RoomExpiry.Done done = expiry.expire(room, now.minus(Duration.ofDays(days)), budget);
                examined += done.examined();
                if (done.expired() > 0) {
                    touched++;
                    expired += done.expired();
                }
                if (done.examined() >= budget) { // the room may hold more: the next sweep starts with it
                    next = finished;
                    break;
                }
            }
            finished = room.roomId();
        }
        cursor = next;
        if (expired > 0) {
            audit.record(SYSTEM_ACTOR, "retention.run", "retention",
                    Map.of("rooms", touched, "messages", expired, "globalDays", global == null ? "none" : global));
            Outcome outcome = new Outcome(touched, expired);
            LOG.info(() -> "Retention: " + outcome.messages() + " messages expired in " + outcome.rooms() + " rooms");
        }
        return new Outcome(touched, expired);
    }
}
