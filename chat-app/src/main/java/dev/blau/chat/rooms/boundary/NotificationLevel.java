package dev.blau.chat.rooms.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code {"level":"all|mentions|none"}} */
public record NotificationLevel(
        @NotNull(message = "must be all, mentions or none")
        @Pattern(regexp = "all|mentions|none", message = "must be all, mentions or none") String level) {
}
