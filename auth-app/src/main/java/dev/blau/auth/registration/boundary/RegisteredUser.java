package dev.blau.auth.registration.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

@JsonbPropertyOrder({"id", "username", "email", "displayName"})
public record RegisteredUser(String id, String username, String email, String displayName) {
}
