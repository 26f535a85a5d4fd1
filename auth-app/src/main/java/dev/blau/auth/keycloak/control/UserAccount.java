package dev.blau.auth.keycloak.control;

/** A Keycloak user as auth-app needs to know it: never its credentials. */
public record UserAccount(String id, String username, boolean enabled) {
}
