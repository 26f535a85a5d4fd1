package dev.blau.chat.rooms.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A room: a name, who may see it, and who owns it. Its messages live in MongoDB. */
@Entity
@Table(name = "room")
public class Room {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(nullable = false)
    private String visibility;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    /** The sorted pair of user ids of a direct room, so a pair has one room. */
    @Column(name = "direct_key")
    private String directKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Room() {
    }

    public Room(String id, String name, String description, Visibility visibility, String ownerId, String directKey) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.visibility = visibility.wire();
        this.ownerId = ownerId;
        this.directKey = directKey;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String description() { return description; }
    public Visibility visibility() { return Visibility.fromWire(visibility); }
    public String ownerId() { return ownerId; }
    public Instant createdAt() { return createdAt; }

    public void rename(String name, String description) {
        this.name = name;
        this.description = description;
        this.updatedAt = Instant.now();
    }

    public void changeVisibility(Visibility visibility) {
        this.visibility = visibility.wire();
        this.updatedAt = Instant.now();
    }

    public void transferTo(String ownerId) {
        this.ownerId = ownerId;
        this.updatedAt = Instant.now();
    }
}
