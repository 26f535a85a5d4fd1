package dev.blau.chat.hooks.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An outgoing webhook of one room: where its messages go, which ones, and the secret that signs them. */
@Entity
@Table(name = "outgoing_hook")
public class OutgoingHook {

    /** Which of the room's messages the hook takes. */
    public enum Trigger {
        ALL, MENTIONS, KEYWORD;

        public String wire() {
            return name().toLowerCase();
        }

        public static Trigger fromWire(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    @Id
    private String id;

    @Column(name = "room_id", nullable = false)
    private String roomId;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false)
    private String secret;

    @Column(nullable = false)
    private String trigger;

    private String keyword;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OutgoingHook() {
    }

    public OutgoingHook(String id, String roomId, String url, String secret, Trigger trigger, String keyword,
                        String createdBy, Instant createdAt) {
        this.id = id;
        this.roomId = roomId;
        this.url = url;
        this.secret = secret;
        this.trigger = trigger.wire();
        this.keyword = keyword;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String roomId() {
        return roomId;
    }

    public String url() {
        return url;
    }

    public String secret() {
        return secret;
    }

    public Trigger trigger() {
        return Trigger.fromWire(trigger);
    }

    public String keyword() {
        return keyword;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
