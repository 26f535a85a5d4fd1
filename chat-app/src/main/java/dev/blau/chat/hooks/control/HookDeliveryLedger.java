package dev.blau.chat.hooks.control;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The deliveries in PostgreSQL, each change its own short transaction: claimed for a while
 * (a lease, so a server that dies mid-send leaves it to another), then delivered, due again,
 * or failed. Every query is served by an index of {@code hook_delivery}.
 */
@ApplicationScoped
@Transactional
public class HookDeliveryLedger {

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    /** A delivery to make now, with where it goes. */
    public record Due(long id, String hookId, long seq, String payload, int attempts, Instant firstAttemptAt, String url,
                      String secret) {
    }

    /** One delivery of a message to a hook, as the room's managers see it. */
    @Schema(name = "HookDelivery")
    public record Delivery(long id, long seq, String state, int attempts, Instant firstAttemptAt, Instant nextAttemptAt,
                           Integer lastStatus, String lastError, Instant deliveredAt) {
    }

    /** One delivery per hook (id → payload) of the message {@code seq}; none anew for one already recorded. True when any was made. */
    public boolean record(long seq, Map<String, String> payloads) {
        boolean made = false;
        for (Map.Entry<String, String> payload : payloads.entrySet()) {
            made |= em.createNativeQuery("""
                            INSERT INTO chat.hook_delivery (hook_id, seq, payload, state, next_attempt_at)
                            VALUES (?1, ?2, ?3, 'pending', now()) ON CONFLICT (hook_id, seq) DO NOTHING""")
                    .setParameter(1, payload.getKey()).setParameter(2, seq).setParameter(3, payload.getValue())
                    .executeUpdate() > 0;
        }
        return made;
    }

    /** A hook's deliveries in one state, newest first. */
    public List<Delivery> list(String hookId, String state, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, seq, state, attempts, first_attempt_at, next_attempt_at, last_status, last_error, delivered_at
                        FROM chat.hook_delivery WHERE hook_id = ?1 AND state = ?2 ORDER BY id DESC LIMIT ?3""")
                .setParameter(1, hookId).setParameter(2, state).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Delivery(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                ((Number) r[3]).intValue(), instant(r[4]), instant(r[5]), r[6] == null ? null : ((Number) r[6]).intValue(),
                (String) r[7], instant(r[8]))).toList();
    }

    public long count(String hookId, String state) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM chat.hook_delivery WHERE hook_id = ?1 AND state = ?2")
                .setParameter(1, hookId).setParameter(2, state).getSingleResult()).longValue();
    }

    /** A failed delivery due again now, with another window of retries; 0 when there is no such failed one. */
    public int retry(String hookId, long deliveryId) {
        return em.createNativeQuery("""
                        UPDATE chat.hook_delivery SET state = 'pending', next_attempt_at = now(), first_attempt_at = now(),
                            last_error = NULL WHERE id = ?1 AND hook_id = ?2 AND state = 'failed'""")
                .setParameter(1, deliveryId).setParameter(2, hookId).executeUpdate();
    }

    /** Up to {@code limit} due deliveries, not due again for {@code leaseSeconds} (unless recorded sooner). */
    public List<Due> claim(int limit, int leaseSeconds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        UPDATE chat.hook_delivery d SET next_attempt_at = now() + make_interval(secs => ?2)
                        FROM chat.outgoing_hook h
                        WHERE h.id = d.hook_id AND d.id IN (
                            SELECT id FROM chat.hook_delivery WHERE state = 'pending' AND next_attempt_at <= now()
                            ORDER BY next_attempt_at LIMIT ?1 FOR UPDATE SKIP LOCKED)
                        RETURNING d.id, d.hook_id, d.seq, d.payload, d.attempts, d.first_attempt_at, h.url, h.secret""")
                .setParameter(1, limit).setParameter(2, leaseSeconds).getResultList();
        return rows.stream().map(r -> new Due(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(),
                (String) r[3], ((Number) r[4]).intValue(), instant(r[5]), (String) r[6], (String) r[7])).toList();
    }

    public void delivered(long id, int status) {
        em.createNativeQuery("""
                        UPDATE chat.hook_delivery SET state = 'delivered', attempts = attempts + 1, last_status = ?2,
                            last_error = NULL, delivered_at = now(), next_attempt_at = NULL WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, status).executeUpdate();
    }

    public void dueAgain(long id, Instant at, Integer status, String error) {
        em.createNativeQuery("""
                        UPDATE chat.hook_delivery SET attempts = attempts + 1, next_attempt_at = ?2, last_status = ?3,
                            last_error = ?4 WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, Timestamp.from(at)).setParameter(3, status)
                .setParameter(4, truncate(error)).executeUpdate();
    }

    public void failed(long id, Integer status, String error) {
        em.createNativeQuery("""
                        UPDATE chat.hook_delivery SET state = 'failed', attempts = attempts + 1, next_attempt_at = NULL,
                            last_status = ?2, last_error = ?3 WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, status).setParameter(3, truncate(error)).executeUpdate();
    }

    /** Forgets up to 1,000 deliveries made more than {@code days} days ago. */
    public int forgetDelivered(int days) {
        return em.createNativeQuery("""
                        DELETE FROM chat.hook_delivery WHERE id IN (
                            SELECT id FROM chat.hook_delivery WHERE state = 'delivered'
                            AND delivered_at < now() - make_interval(days => ?1) LIMIT 1000)""")
                .setParameter(1, days).executeUpdate();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 497) + "...";
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof Timestamp timestamp ? timestamp.toInstant()
                : value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }
}
