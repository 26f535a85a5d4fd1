package dev.blau.auth.profiles.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import dev.blau.auth.profiles.entity.UserProfile;

/** Another user as everyone may see them: no email address. */
@JsonbPropertyOrder({"id", "username", "displayName"})
public record UserSummary(String id, String username, String displayName) {

    static UserSummary of(UserProfile profile) {
        return new UserSummary(profile.getId(), profile.getUsername(), profile.getDisplayName());
    }
}
