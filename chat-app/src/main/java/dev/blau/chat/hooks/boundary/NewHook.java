package dev.blau.chat.hooks.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code {"name"}}: what the hook's messages are signed with unless a post names itself. */
public record NewHook(
        @NotBlank(message = "must not be blank") @Size(max = 64, message = "must be at most 64 characters") String name) {
}
