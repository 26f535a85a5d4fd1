package dev.blau.chat.retention.control;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * How long messages are kept: every room's (administrators) and one room's (its owner); the
 * shorter applies. Days from 1 to 3650, or none (kept for good).
 */
@ApplicationScoped
@Transactional
public class RetentionPolicy {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3_650;

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    /** A room the sweep looks at: its own days (or null), and how far its messages are expired. */
    public record RoomRetention(String roomId, Integer days, long throughSeq) {
    }

    public Integer globalDays() {
        Object days = em.createNativeQuery("SELECT days FROM chat.retention_setting WHERE id = 1").getSingleResult();
        return days == null ? null : ((Number) days).intValue();
    }

    public void setGlobalDays(Integer days) {
        em.createNativeQuery("UPDATE chat.retention_setting SET days = ?1 WHERE id = 1").setParameter(1, days)
                .executeUpdate();
    }

    public Integer roomDays(String roomId) {
        List<?> days = em.createNativeQuery("SELECT retention_days FROM chat.room WHERE id = ?1")
                .setParameter(1, roomId).getResultList();
        return days.isEmpty() || days.get(0) == null ? null : ((Number) days.get(0)).intValue();
    }

    public void setRoomDays(String roomId, Integer days) {
        em.createNativeQuery("UPDATE chat.room SET retention_days = ?1 WHERE id = ?2")
                .setParameter(1, days).setParameter(2, roomId).executeUpdate();
    }

    /** The shorter of the two, or null when neither is set. */
    public static Integer effective(Integer global, Integer room) {
        if (global == null) {
            return room;
        }
        return room == null ? global : Math.min(global, room);
    }

    /**
     * Up to {@code limit} rooms after {@code afterId} in id order: every room when there is a
     * global retention, else only rooms with their own (direct rooms included: a policy is a policy).
     */
    public List<RoomRetention> rooms(String afterId, boolean all, int limit) {
        List<?> rows = em.createNativeQuery("SELECT id, retention_days, retained_through_seq FROM chat.room"
                        + " WHERE id > ?1" + (all ? "" : " AND retention_days IS NOT NULL") + " ORDER BY id LIMIT ?2")
                .setParameter(1, afterId).setParameter(2, limit).getResultList();
        List<RoomRetention> rooms = new ArrayList<>();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            rooms.add(new RoomRetention((String) cells[0], cells[1] == null ? null : ((Number) cells[1]).intValue(),
                    ((Number) cells[2]).longValue()));
        }
        return rooms;
    }

    /**
     * Takes the room for this transaction (false: another server is on it now) — a
     * transaction-scoped advisory lock, so a crash releases it.
     */
    public boolean tryLock(String roomId) {
        Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('retention:' || ?1))")
                .setParameter(1, roomId).getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    public void expiredThrough(String roomId, long seq) {
        em.createNativeQuery("UPDATE chat.room SET retained_through_seq = GREATEST(retained_through_seq, ?1) WHERE id = ?2")
                .setParameter(1, seq).setParameter(2, roomId).executeUpdate();
    }
}
