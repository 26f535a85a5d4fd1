package dev.blau.auth.keycloak.control;

import java.time.Instant;

/** A user as administrators list them: never credentials. */
public record UserListing(String id, String username, String email, boolean enabled, Instant createdAt) {
}
