package dev.blau.chat.rooms.control;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

/**
 * Sending marks the room read for the sender, up to their message, as every chat app does: what
 * they wrote is no news to them, and they wrote it looking at the room. So a room's unread count
 * is its last seq less the member's read mark, per room, without reading any message.
 * <p>
 * The send path itself touches no database: the marks wait here and are written once a second,
 * in one statement for all of them. Reading a member's rooms on this server writes theirs first,
 * so the member sees their own sends as read at once; another server sees them within a second.
 * A server that dies loses at most that second of marks: a few of the member's own messages then
 * count as unread until they read the room.
 */
@ApplicationScoped
public class ReadMarks {

    private static final Logger LOG = Logger.getLogger(ReadMarks.class.getName());

    /** A member of a room, whose read mark is to move. */
    record Member(String roomId, String userId) {
        static final Comparator<Member> ORDER = Comparator.comparing(Member::roomId).thenComparing(Member::userId);
    }

    /** A read mark to write: the member has read the room up to {@code seq}. */
    public record Mark(String roomId, String userId, long seq) {
    }

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    RoomRepository repository;

    private final Map<Member, Long> pending = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flushing;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        flushing = scheduler.scheduleWithFixedDelay(this::flushLogged, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
        flushLogged();
    }

    /** The user sent message {@code seq} to the room: they have read it, and what came before it. */
    public void sent(String roomId, String userId, long seq) {
        pending.merge(new Member(roomId, userId), seq, Math::max);
    }

    /**
     * Writes the user's waiting marks in the caller's transaction, before their rooms are read.
     * They stay waiting: should that transaction roll back, the next flush still writes them
     * (writing a mark twice changes nothing).
     */
    void settle(String userId) {
        // the waiting marks are the last second's sends: few, whatever the number of members
        List<Map.Entry<Member, Long>> theirs = pending.entrySet().stream()
                .filter(entry -> entry.getKey().userId().equals(userId)).toList();
        if (!theirs.isEmpty()) {
            repository.advanceReadMarks(marks(theirs));
        }
    }

    /** Writes every waiting mark, in a transaction of its own. */
    void flush() {
        List<Map.Entry<Member, Long>> entries = List.copyOf(pending.entrySet());
        if (entries.isEmpty()) {
            return;
        }
        repository.advanceReadMarks(marks(entries));
        // a later send of the same member, arrived meanwhile, stays for the next flush
        entries.forEach(entry -> pending.remove(entry.getKey(), entry.getValue()));
    }

    private void flushLogged() {
        try {
            flush();
        } catch (RuntimeException e) { // kept: the next second tries them again
            LOG.log(Level.WARNING, "Read marks of sent messages not written, " + pending.size() + " waiting", e);
        }
    }

    // sorted, so two servers writing the same members lock their rows in the same order
    private static List<Mark> marks(List<Map.Entry<Member, Long>> entries) {
        return entries.stream()
                .sorted(Map.Entry.comparingByKey(Member.ORDER))
                .map(entry -> new Mark(entry.getKey().roomId(), entry.getKey().userId(), entry.getValue()))
                .toList();
    }
}
