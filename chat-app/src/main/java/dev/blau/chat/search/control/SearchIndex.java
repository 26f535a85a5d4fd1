package dev.blau.chat.search.control;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

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

    // a reaction or a pin is a new version with the same text: no index to touch then;
    // xmax = 0 only for a row this statement inserted (those are counted in the day's usage)
    private static final String UPSERT = """
            WITH written AS (
                INSERT INTO chat.message_search (room_id, seq, sender_id, sent_at, version, body)
                SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::timestamptz[], ?::bigint[], ?::text[])
                ON CONFLICT (room_id, seq) DO UPDATE SET version = excluded.version, body = excluded.body
                WHERE message_search.version <= excluded.version AND message_search.body <> excluded.body
                RETURNING room_id, sender_id, sent_at, (xmax = 0) AS inserted)
            SELECT room_id, sender_id, sent_at FROM written WHERE inserted""";

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Inject
    Usage usage;

    /**
     * Applies the events in order, in one transaction: one statement for a batch's messages, not
     * one per message (a message changed twice in the batch is written once, at its newest version).
     */
    @Transactional
    public void apply(List<ChatEvent> events) {
        UsageTally tally = new UsageTally();
        Map<String, Message> newest = new LinkedHashMap<>(); // since the batch's last room deletion
        for (ChatEvent event : events) {
            switch (event.type()) {
                case ChatEvent.MESSAGE_SENT, ChatEvent.MESSAGE_UPDATED -> {
                    Message message = event.message();
                    if (message != null) {
                        newest.merge(message.roomId() + '/' + message.seq(), message,
                                (held, next) -> next.version() >= held.version() ? next : held);
                    }
                }
                case ChatEvent.ROOM_DELETED -> {
                    write(newest.values(), tally);
                    newest.clear();
                    em.createNativeQuery("DELETE FROM chat.message_search WHERE room_id = ?1")
                            .setParameter(1, event.roomId())
                            .executeUpdate();
                }
                default -> { } // not about a message's text
            }
        }
        write(newest.values(), tally);
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
        write(messages, tally);
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

    /**
     * Writes messages of distinct (room, seq) in one statement, the columns as arrays; a message
     * stored here for the first time (not a replay, not a change) counts in the day's usage.
     */
    private void write(Collection<Message> messages, UsageTally tally) {
        if (messages.isEmpty()) {
            return;
        }
        int size = messages.size();
        String[] rooms = new String[size];
        Long[] seqs = new Long[size];
        String[] senders = new String[size];
        String[] sentAt = new String[size];
        Long[] versions = new Long[size];
        String[] bodies = new String[size];
        int i = 0;
        for (Message message : messages) {
            rooms[i] = message.roomId();
            seqs[i] = message.seq();
            senders[i] = message.senderId();
            sentAt[i] = message.createdAt().toString(); // ISO-8601 in UTC: read as a timestamptz whatever the session's zone
            versions[i] = message.version();
            bodies[i] = message.isDeleted() ? "" : searchable(message);
            i++;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setArray(1, connection.createArrayOf("varchar", rooms));
                upsert.setArray(2, connection.createArrayOf("bigint", seqs));
                upsert.setArray(3, connection.createArrayOf("varchar", senders));
                upsert.setArray(4, connection.createArrayOf("timestamptz", sentAt));
                upsert.setArray(5, connection.createArrayOf("bigint", versions));
                upsert.setArray(6, connection.createArrayOf("text", bodies));
                try (ResultSet inserted = upsert.executeQuery()) {
                    while (inserted.next()) {
                        tally.message(inserted.getTimestamp(3).toInstant(), inserted.getString(1), inserted.getString(2));
                    }
                }
            }
        });
    }
}
