package dev.blau.chat.rooms.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A ban or a mute of one user in one room, until a time or (a ban) for good. */
@Entity
@Table(name = "room_sanction")
@IdClass(RoomSanction.Key.class)
public class RoomSanction {

    public enum Kind {
        BAN, MUTE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The composite primary key (room, user, kind). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String roomId;
        private String userId;
        private String kind;

        public Key() {
        }

        public Key(String roomId, String userId, Kind kind) {
            this.roomId = roomId;
            this.userId = userId;
            this.kind = kind.wire();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(roomId, k.roomId) && Objects.equals(userId, k.userId)
                    && Objects.equals(kind, k.kind);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roomId, userId, kind);
        }
    }

    @Id
    @Column(name = "room_id")
    private String roomId;

    @Id
    @Column(name = "user_id")
    private String userId;

    @Id
    @Column(name = "kind")
    private String kind;

    private String reason;

    private Instant until;

    @Column(name = "actor_id", nullable = false)
    private String actorId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RoomSanction() {
    }

    public RoomSanction(String roomId, String userId, Kind kind, String reason, Instant until, String actorId) {
        this.roomId = roomId;
        this.userId = userId;
        this.kind = kind.wire();
        this.reason = reason;
        this.until = until;
        this.actorId = actorId;
        this.createdAt = Instant.now();
    }

    public String roomId() { return roomId; }
    public String userId() { return userId; }
    public String reason() { return reason; }
    public Instant until() { return until; }
    public String actorId() { return actorId; }
    public Instant createdAt() { return createdAt; }

    /** In force now: for good, or until a time still ahead. */
    public boolean active(Instant now) {
        return until == null || until.isAfter(now);
    }

    /** A second ban or mute of the same user replaces the first. */
    public void renew(String reason, Instant until, String actorId) {
        this.reason = reason;
        this.until = until;
        this.actorId = actorId;
        this.createdAt = Instant.now();
    }
}
