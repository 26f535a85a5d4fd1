package dev.blau.auth.events.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What auth-app tells the rest of the system about a user, on the Kafka topic of user
 * events: {@code user.registered} and {@code user.login}. Never a password or a token.
 */
@JsonbPropertyOrder({"eventId", "type", "time", "userId", "username"})
public record UserEvent(String eventId, String type, Instant time, String userId, String username) {

    public static final String REGISTERED = "user.registered";
    public static final String LOGIN = "user.login";

    public static UserEvent registered(String userId, String username) {
        return new UserEvent(UUID.randomUUID().toString(), REGISTERED, Instant.now(), userId, username);
    }

    public static UserEvent login(String userId, String username) {
        return new UserEvent(UUID.randomUUID().toString(), LOGIN, Instant.now(), userId, username);
    }
}
