package dev.blau.chat.search.control;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.entity.Message;

/**
 * Rebuilds the search index from the message store, for what the chat events can no longer
 * give: events older than Kafka's retention, an index restored from an older backup, a store
 * restored from one. Room by room, a page of messages at a time by seq (every read by key), each
 * page in its own transaction; the live feed goes on meanwhile, and since a row only ever moves
 * to a newer version, the two never undo each other. One rebuild at a time on a server.
 */
@ApplicationScoped
public class SearchRebuild {

    private static final Logger LOG = Logger.getLogger(SearchRebuild.class.getName());
    private static final int PAGE = 100;
    private static final int ROOMS_PAGE = 500;

    /** Where a rebuild stands; {@code state} idle, running, done or failed. */
    public record Progress(String state, Instant startedAt, Instant endedAt, long rooms, long roomsDone, long messages,
                           String error) {

        static final Progress IDLE = new Progress("idle", null, null, 0, 0, 0, null);

        public boolean running() {
            return "running".equals(state);
        }
    }

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Inject
    MessageStore store;

    @Inject
    SearchIndex index;

    @Resource
    ManagedExecutorService executor;

    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.IDLE);

    public Progress progress() {
        return progress.get();
    }

    /** Starts a rebuild unless one is running; answers where it stands. */
    public synchronized Progress start() {
        if (progress.get().running()) {
            return progress.get();
        }
        long rooms = ((Number) em.createNativeQuery("SELECT count(*) FROM chat.room").getSingleResult()).longValue();
        Progress started = new Progress("running", Instant.now(), null, rooms, 0, 0, null);
        progress.set(started);
        executor.execute(this::run);
        return started;
    }

    private void run() {
        try {
            String after = "";
            List<?> rooms;
            do {
                rooms = em.createNativeQuery("SELECT id FROM chat.room WHERE id > ?1 ORDER BY id")
                        .setParameter(1, after).setMaxResults(ROOMS_PAGE).getResultList();
                for (Object room : rooms) {
                    after = (String) room;
                    long messages = rebuildRoom(after);
                    progress.updateAndGet(p -> new Progress(p.state(), p.startedAt(), null, p.rooms(),
                            p.roomsDone() + 1, p.messages() + messages, null));
                }
            } while (rooms.size() == ROOMS_PAGE);
            int forgotten = index.forgetDeletedRooms();
            Progress done = progress.updateAndGet(p -> new Progress("done", p.startedAt(), Instant.now(), p.rooms(),
                    p.roomsDone(), p.messages(), null));
            LOG.info(() -> "Search index rebuilt from the store: " + done.messages() + " messages in "
                    + done.roomsDone() + " rooms; rows of " + forgotten + " messages of deleted rooms removed");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Search index rebuild failed", e);
            progress.updateAndGet(p -> new Progress("failed", p.startedAt(), Instant.now(), p.rooms(), p.roomsDone(),
                    p.messages(), String.valueOf(e.getMessage())));
        }
    }

    private long rebuildRoom(String roomId) {
        long seq = 0;
        long written = 0;
        while (true) {
            List<Message> page = store.after(roomId, seq, PAGE);
            long to = page.isEmpty() ? seq : page.get(page.size() - 1).seq();
            boolean last = page.size() < PAGE;
            index.rewrite(roomId, page, to, last);
            written += page.size();
            seq = to;
            if (last) {
                return written;
            }
        }
    }
}
