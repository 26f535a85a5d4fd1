package dev.blau.chat.hooks.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An incoming webhook of one room: who it posts as, and the secret its requests are signed with. */
@Entity
@Table(name = "incoming_hook")
public class IncomingHook {

    @Id
    private String id;

    @Column(name = "room_id", nullable = false)
    private String roomId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String secret;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IncomingHook() {
    }

    public IncomingHook(String id, String roomId, String userId, String name, String secret, String createdBy,
                        Instant createdAt) {
        this.id = id;
        this.roomId = roomId;
        this.userId = userId;
        this.name = name;
        this.secret = secret;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String roomId() {
        return roomId;
    }

    public String userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    public String secret() {
        return secret;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
