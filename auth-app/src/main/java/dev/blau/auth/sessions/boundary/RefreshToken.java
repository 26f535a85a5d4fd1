package dev.blau.auth.sessions.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/auth/refresh} and {@code /logout}. */
public record RefreshToken(
        @NotBlank(message = "must not be blank") @Size(max = 8192, message = "is too long")
        String refreshToken) {

    @Override
    public String toString() {
        return "RefreshToken[…]"; // never the token
    }
}
