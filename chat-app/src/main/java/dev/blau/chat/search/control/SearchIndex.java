package dev.blau.chat.search.control;

import java.sql.Timestamp;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.usage.control.Usage;
import dev.blau.chat.usage.control.UsageTally;

/**
 * Writes the search projection: each message's current text, keyed by room and seq. Events of a
 * room arrive in order, and may arrive twice (after a restart, from the last committed offset):
 * a row only ever moves to a newer version, and a deleted message stays as an empty tombstone so
 * a replayed older event cannot bring its text back.
 */
@ApplicationScoped
public class SearchIndex {

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Inject
    Usage usage;

    /** Applies the events in order, in one transaction: one commit for a batch, not one per message. */
    @Transactional
    public void apply(List<ChatEvent> events) {
        UsageTally tally = new UsageTally();
        for (ChatEvent event : events) {
            switch (event.type()) {
                case ChatEvent.MESSAGE_SENT, ChatEvent.MESSAGE_UPDATED -> {
                    if (event.message() != null) {
                        write(event.message(), tally);
                    }
                }
                case ChatEvent.ROOM_DELETED -> em.createNativeQuery(
                                "DELETE FROM chat.message_search WHERE room_id = ?1")
                        .setParameter(1, event.roomId())
                        .executeUpdate();
                default -> { } // not about a message's text
            }
        }
        if (!tally.isEmpty()) {
            usage.add(tally);
        }
    }

    /**
     * A room's messages as the store holds them now, seqs {@code from}..{@code to} (a page of a
     * rebuild); with {@code last}, rows past {@code to} go too (the store no longer has them).
     */
    @Transactional
    public void rewrite(String roomId, List<Message> messages, long to, boolean last) {
        UsageTally tally = new UsageTally(); // messages the projection never had count where they were sent
        messages.forEach(message -> write(message, tally));
        if (!tally.isEmpty()) {
            usage.add(tally);
        }
        if (last) {
            em.createNativeQuery("DELETE FROM chat.message_search WHERE room_id = ?1 AND seq > ?2")
                    .setParameter(1, roomId)
                    .setParameter(2, to)
                    .executeUpdate();
        }
    }

    /** Rows of rooms that no longer exist (their deletion event was lost, or came before a restore). */
    @Transactional
    public int forgetDeletedRooms() {
        return em.createNativeQuery("DELETE FROM chat.message_search s"
                + " WHERE NOT EXISTS (SELECT 1 FROM chat.room r WHERE r.id = s.room_id)").executeUpdate();
    }

    /** Whether the event changes what search finds. */
    public static boolean concerns(ChatEvent event) {
        return switch (event.type()) {
            case ChatEvent.MESSAGE_SENT, ChatEvent.MESSAGE_UPDATED, ChatEvent.ROOM_DELETED -> true;
            default -> false;
        };
    }

    /** The text, then the names of its files: a file is found by its name (highlights mark the text only). */
    static String searchable(Message message) {
        String text = message.text() == null ? "" : message.text();
        if (message.files().isEmpty()) {
            return text;
        }
        StringBuilder body = new StringBuilder(text);
        message.files().forEach(file -> body.append('\n').append(file.name()));
        return body.toString();
    }

    // a message stored here for the first time (not a replay, not a change) counts in the day's usage
    private void write(Message message, UsageTally tally) {
        String body = message.isDeleted() ? "" : searchable(message);
        // a reaction or a pin is a new version with the same text: no index to touch then;
        // xmax = 0 only for a row this statement inserted
        List<?> written = em.createNativeQuery("""
                        INSERT INTO chat.message_search (room_id, seq, sender_id, sent_at, version, body)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        ON CONFLICT (room_id, seq) DO UPDATE SET version = excluded.version, body = excluded.body
                        WHERE message_search.version <= excluded.version AND message_search.body <> excluded.body
                        RETURNING (xmax = 0)""")
                .setParameter(1, message.roomId())
                .setParameter(2, message.seq())
                .setParameter(3, message.senderId())
                .setParameter(4, Timestamp.from(message.createdAt()))
                .setParameter(5, message.version())
                .setParameter(6, body)
                .getResultList();
        if (!written.isEmpty() && Boolean.TRUE.equals(written.get(0))) {
            tally.message(message.createdAt(), message.roomId(), message.senderId());
        }
    }
}
