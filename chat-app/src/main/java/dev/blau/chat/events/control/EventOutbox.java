package dev.blau.chat.events.control;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The transactional outbox of room events in PostgreSQL: an event is stored with the change
 * it describes (same transaction), published after the commit, and deleted once Kafka has
 * it; what is still here after a while is published again.
 */
@ApplicationScoped
public class EventOutbox {

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    /** Stores the event in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String eventId, String payload) {
        em.createNativeQuery("INSERT INTO chat.event_outbox (event_id, payload) VALUES (?1, ?2)")
                .setParameter(1, eventId)
                .setParameter(2, payload)
                .executeUpdate();
    }

    @Transactional
    public void delivered(String eventId) {
        em.createNativeQuery("DELETE FROM chat.event_outbox WHERE event_id = ?1")
                .setParameter(1, eventId)
                .executeUpdate();
    }

    /** Payloads of events stored before {@code olderThan} and not delivered yet, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> pending(Instant olderThan, int limit) {
        return em.createNativeQuery("""
                        SELECT payload FROM chat.event_outbox WHERE created_at < ?1 ORDER BY created_at""")
                .setParameter(1, Timestamp.from(olderThan))
                .setMaxResults(limit)
                .getResultList();
    }
}
