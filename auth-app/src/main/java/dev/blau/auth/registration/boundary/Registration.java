package dev.blau.auth.registration.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/auth/register}. The password's policy is Keycloak's (realm file): its
 * verdict comes back as a field error on {@code password}; only its length is bounded here.
 */
public record Registration(
        @NotBlank(message = "must not be blank")
        @Size(min = 3, max = 32, message = "must be 3 to 32 characters")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "may contain letters, digits, '.', '_' and '-', and starts with a letter or digit")
        String username,
        @NotBlank(message = "must not be blank")
        @Email(message = "must be an email address")
        @Size(max = 254, message = "must be at most 254 characters")
        String email,
        @NotBlank(message = "must not be blank")
        @Size(max = 128, message = "must be at most 128 characters")
        String password,
        @Size(max = 100, message = "must be at most 100 characters")
        String displayName) {

    @Override
    public String toString() {
        return "Registration[username=" + username + ", email=" + email + "]"; // never the password
    }
}
