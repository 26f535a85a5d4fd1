package dev.blau.chat.rooms.boundary;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code {"userId","reason"?,"until"?}}: whom to ban, why, and until when (absent: for good). */
public record NewBan(@NotBlank(message = "must not be blank") @Size(max = 64) String userId,
                     @Size(max = 500, message = "must be at most 500 characters") String reason,
                     Instant until) {
}
