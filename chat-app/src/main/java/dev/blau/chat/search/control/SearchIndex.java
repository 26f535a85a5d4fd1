package dev.blau.chat.search.control;

import java.sql.Timestamp;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.messages.entity.Message;

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

    /** Applies the events in order, in one transaction: one commit for a batch, not one per message. */
    @Transactional
    public void apply(List<ChatEvent> events) {
        for (ChatEvent event : events) {
            switch (event.type()) {
                case ChatEvent.MESSAGE_SENT, ChatEvent.MESSAGE_UPDATED -> {
                    if (event.message() != null) {
                        write(event.message());
                    }
                }
                case ChatEvent.ROOM_DELETED -> em.createNativeQuery(
                                "DELETE FROM chat.message_search WHERE room_id = ?1")
                        .setParameter(1, event.roomId())
                        .executeUpdate();
                default -> { } // not about a message's text
            }
        }
    }

    /**
     * A room's messages as the store holds them now, seqs {@code from}..{@code to} (a page of a
     * rebuild); with {@code last}, rows past {@code to} go too (the store no longer has them).
     */
    @Transactional
    public void rewrite(String roomId, List<Message> messages, long to, boolean last) {
        messages.forEach(this::write);
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

    private void write(Message message) {
        String body = message.isDeleted() ? "" : searchable(message);
        // a reaction or a pin is a new version with the same text: no index to touch then
        em.createNativeQuery("""
                        INSERT INTO chat.message_search (room_id, seq, sender_id, sent_at, version, body)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        ON CONFLICT (room_id, seq) DO UPDATE SET version = excluded.version, body = excluded.body
                        WHERE message_search.version <= excluded.version AND message_search.body <> excluded.body""")
                .setParameter(1, message.roomId())
                .setParameter(2, message.seq())
                .setParameter(3, message.senderId())
                .setParameter(4, Timestamp.from(message.createdAt()))
                .setParameter(5, message.version())
                .setParameter(6, body)
                .executeUpdate();
    }
}
