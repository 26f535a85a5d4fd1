package dev.blau.chat.hooks.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code {"url","trigger":"all|mentions|keyword","keyword"?}}: where a room's messages go, and which. */
public record NewOutgoingHook(
        @NotBlank(message = "must not be blank") @Size(max = 2000, message = "must be at most 2000 characters") String url,
        @NotNull(message = "must be all, mentions or keyword")
        @Pattern(regexp = "all|mentions|keyword", message = "must be all, mentions or keyword") String trigger,
        @Size(max = 100, message = "must be at most 100 characters") String keyword) {
}
