package dev.blau.chat.rooms.boundary;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code {"userId","until"}}: whose sends to refuse, until when. */
public record NewMute(@NotBlank(message = "must not be blank") @Size(max = 64) String userId,
                      @NotNull(message = "must be given: a mute ends") Instant until) {
}
