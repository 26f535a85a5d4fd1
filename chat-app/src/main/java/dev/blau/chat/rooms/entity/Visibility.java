package dev.blau.chat.rooms.entity;

import java.util.Locale;

/** Who may see a room: anyone (public), its members (private), or its two people (direct). */
public enum Visibility {
    PUBLIC, PRIVATE, DIRECT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
