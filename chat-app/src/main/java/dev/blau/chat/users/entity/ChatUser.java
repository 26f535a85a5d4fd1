package dev.blau.chat.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.blau.chat.callers.UserRef;

/** A user as chat-app knows them (id from Keycloak, names from tokens and user events). */
@Entity
@Table(name = "chat_user")
public class ChatUser {

    @Id
    private String id;

    @Column(nullable = false)
    private String username;

    @Column(name = "display_name")
    private String displayName;

    protected ChatUser() {
    }

    public UserRef ref() {
        return new UserRef(id, username, displayName == null ? username : displayName);
    }

    public String id() {
        return id;
    }
}
