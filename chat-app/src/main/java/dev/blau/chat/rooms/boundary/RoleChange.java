package dev.blau.chat.rooms.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code {"role":"moderator|member"}} */
public record RoleChange(
        @NotNull(message = "must be moderator or member")
        @Pattern(regexp = "moderator|member", message = "must be moderator or member") String role) {
}
