package dev.blau.auth.profiles.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/v1/auth/profile}: what a user may change about themselves. */
public record ProfileUpdate(
        @NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters")
        String displayName,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?", message = "must be a language tag such as en or pt-BR")
        String locale,
        @Size(max = 140, message = "must be at most 140 characters")
        String statusMessage) {
}
