package dev.blau.auth.sessions.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/auth/login}: username or email, and password. */
public record Credentials(
        @NotBlank(message = "must not be blank") @Size(max = 254, message = "must be at most 254 characters")
        String username,
        @NotBlank(message = "must not be blank") @Size(max = 128, message = "must be at most 128 characters")
        String password) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + "]"; // never the password
    }
}
