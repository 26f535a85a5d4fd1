package dev.blau.chat.rooms.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** {@code {"seq"}}: the highest seq the caller has read. */
public record ReadMark(@NotNull(message = "must be a number") @PositiveOrZero(message = "must not be negative") Long seq) {
}
