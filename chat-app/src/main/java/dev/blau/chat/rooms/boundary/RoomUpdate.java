package dev.blau.chat.rooms.boundary;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code {"name"?,"description"?,"visibility"?}}: what is absent stays as it is. */
public record RoomUpdate(
        @Size(min = 1, max = 80, message = "must be 1 to 80 characters") @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(max = 500, message = "must be at most 500 characters") String description,
        @Pattern(regexp = "public|private", message = "must be public or private") String visibility) {
}
