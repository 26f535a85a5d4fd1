package dev.blau.testing;

/** A registered, signed-in test user: their id, name and access token. */
public record ChatUser(String id, String username, String token) {
}
