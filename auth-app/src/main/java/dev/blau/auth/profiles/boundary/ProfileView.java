package dev.blau.auth.profiles.boundary;

import java.time.Instant;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import dev.blau.auth.profiles.entity.UserProfile;

/** The caller's own profile, as {@code GET/PUT /api/v1/auth/profile} answer it. */
@JsonbPropertyOrder({"id", "username", "email", "displayName", "locale", "statusMessage", "createdAt"})
public record ProfileView(String id, String username, String email, String displayName, String locale,
                          String statusMessage, Instant createdAt) {

    static ProfileView of(UserProfile profile) {
        return new ProfileView(profile.getId(), profile.getUsername(), profile.getEmail(), profile.getDisplayName(),
                profile.getLocale(), profile.getStatusMessage(), profile.getCreatedAt());
    }
}
