package dev.blau.chat.rooms.entity;

import java.util.Locale;

/** A member's role in a room; owners and moderators manage it. */
public enum Role {
    OWNER, MODERATOR, MEMBER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean manages() {
        return this == OWNER || this == MODERATOR;
    }
}
