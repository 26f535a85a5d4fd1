package dev.blau.chat.rooms.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code {"userId"}}: whom to invite, or to talk to directly. */
public record UserChoice(@NotBlank(message = "must not be blank") @Size(max = 64) String userId) {
}
