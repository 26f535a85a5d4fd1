package dev.blau.chat.search.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Which messages a person wrote, from the search projection (the message store is keyed by
 * room and seq only): by author, room, then seq, on its own index. The projection follows
 * the events, so a message stored a moment ago may show up a moment later.
 */
@ApplicationScoped
public class AuthoredMessages {

    /** A message's key. */
    public record Key(String roomId, long seq) {
    }

    /** A page's keys by room, rooms in the page's order: what the store reads a room at a time. */
    public static Map<String, List<Long>> byRoom(List<Key> keys) {
        return keys.stream().collect(Collectors.groupingBy(Key::roomId, LinkedHashMap::new,
                Collectors.mapping(Key::seq, Collectors.toList())));
    }

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    /**
     * Up to {@code limit} keys of the sender's messages after {@code after} (null: from the
     * first), in (room, seq) order; {@code withText}: only those not deleted.
     */
    @Transactional
    public List<Key> page(String senderId, Key after, boolean withText, int limit) {
        String afterRoom = after == null ? "" : after.roomId();
        long afterSeq = after == null ? 0 : after.seq();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT room_id, seq FROM chat.message_search
                        WHERE sender_id = ?1 AND (room_id, seq) > (?2, ?3)""" + (withText ? " AND body <> ''" : "") + """

                        ORDER BY room_id, seq LIMIT ?4""")
                .setParameter(1, senderId)
                .setParameter(2, afterRoom)
                .setParameter(3, afterSeq)
                .setParameter(4, limit)
                .getResultList();
        return rows.stream().map(r -> new Key((String) r[0], ((Number) r[1]).longValue())).toList();
    }
}
