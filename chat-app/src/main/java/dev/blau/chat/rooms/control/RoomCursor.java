package dev.blau.chat.rooms.control;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import dev.blau.chat.rooms.entity.Room;

/**
 * Where a page of public rooms ended: the last room's name (lower-cased, the sort key) and id.
 * Clients see it as an opaque string ({@code next}) and hand it back as {@code after}.
 */
public record RoomCursor(String lowerName, String roomId) {

    public static RoomCursor after(Room room) {
        return new RoomCursor(room.name().toLowerCase(Locale.ROOT), room.id());
    }

    public String encoded() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((roomId + "\n" + lowerName).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent; empty when it is not one this server wrote. */
    public static Optional<RoomCursor> decode(String encoded) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return newline <= 0 ? Optional.empty()
                    : Optional.of(new RoomCursor(text.substring(newline + 1), text.substring(0, newline)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
