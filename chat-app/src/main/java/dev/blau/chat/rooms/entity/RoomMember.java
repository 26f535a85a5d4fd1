package dev.blau.chat.rooms.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A user's membership of a room: role, and how far they have read. */
@Entity
@Table(name = "room_member")
@IdClass(RoomMember.Key.class)
public class RoomMember {

    /** The composite primary key (room, user). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String roomId;
        private String userId;

        public Key() {
        }

        public Key(String roomId, String userId) {
            this.roomId = roomId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(roomId, k.roomId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roomId, userId);
        }
    }

    @Id
    @Column(name = "room_id")
    private String roomId;

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(nullable = false)
    private String role;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    @Column(name = "last_read_seq", nullable = false)
    private long lastReadSeq;

    /** all, mentions or none: what the member is notified of */
    @Column(name = "notify", nullable = false)
    private String notifications = "all";

    /** Sends refused until then (a copy of the room's mute of this user, read with the membership) */
    @Column(name = "muted_until")
    private Instant mutedUntil;

    /** The end of a mute that never ends (an erased account in a direct-message room). */
    public static final Instant FOREVER = Instant.parse("9999-12-31T23:59:59Z");

    protected RoomMember() {
    }

    public RoomMember(String roomId, String userId, Role role) {
        this.roomId = roomId;
        this.userId = userId;
        this.role = role.wire();
        this.joinedAt = Instant.now();
    }

    public String roomId() { return roomId; }
    public String userId() { return userId; }
    public Role role() { return Role.fromWire(role); }
    public Instant joinedAt() { return joinedAt; }
    public long lastReadSeq() { return lastReadSeq; }
    public String notifications() { return notifications; }

    /** Until when this member's sends are refused, if they are now. */
    public Instant mutedUntil() {
        return mutedUntil != null && mutedUntil.isAfter(Instant.now()) ? mutedUntil : null;
    }

    /** {@code until} null: not muted. */
    public void mute(Instant until) {
        this.mutedUntil = until;
    }

    public void changeNotifications(String level) {
        this.notifications = level;
    }

    public void changeRole(Role role) {
        this.role = role.wire();
    }

    /** Read positions only move forward: a late or repeated mark_read never un-reads. */
    public void markRead(long seq) {
        this.lastReadSeq = Math.max(lastReadSeq, seq);
    }
}
