package dev.blau.chat.bots.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code {"username","displayName"?}}: how the bot is mentioned ({@code @username}) and shown. */
public record NewBot(
        @NotNull(message = "must be 2 to 32 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit")
        @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,31}",
                message = "must be 2 to 32 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit") String username,
        @Size(max = 100, message = "must be at most 100 characters") String displayName) {
}
