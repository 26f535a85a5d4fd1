package dev.blau.auth.events.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What auth-app tells the rest of the system about a user, on the Kafka topic of user
 * events: {@code user.registered}, {@code user.login}, and {@code user.disabled} /
 * {@code user.enabled} when an administrator disables or enables the account (the chat servers
 * close a disabled user's sockets), {@code user.export.requested} and
 * {@code user.erasure.requested} when a data request is recorded (the chat servers take their
 * part of it at once instead of at their next look). Never a password or a token.
 */
@JsonbPropertyOrder({"eventId", "type", "time", "userId", "username"})
public record UserEvent(String eventId, String type, Instant time, String userId, String username) {

    public static final String REGISTERED = "user.registered";
    public static final String LOGIN = "user.login";
    public static final String DISABLED = "user.disabled";
    public static final String ENABLED = "user.enabled";
    public static final String EXPORT_REQUESTED = "user.export.requested";
    public static final String ERASURE_REQUESTED = "user.erasure.requested";

    public static UserEvent registered(String userId, String username) {
        return new UserEvent(UUID.randomUUID().toString(), REGISTERED, Instant.now(), userId, username);
    }

    public static UserEvent login(String userId, String username) {
        return new UserEvent(UUID.randomUUID().toString(), LOGIN, Instant.now(), userId, username);
    }

    public static UserEvent disabled(String userId, String username) {
        return new UserEvent(UUID.randomUUID().toString(), DISABLED, Instant.now(), userId, username);
    }

    public static UserEvent enabled(String userId, String username) {
        return new UserEvent(UUID.randomUUID().toString(), ENABLED, Instant.now(), userId, username);
    }

    public static UserEvent exportRequested(String userId) {
        return new UserEvent(UUID.randomUUID().toString(), EXPORT_REQUESTED, Instant.now(), userId, null);
    }

    public static UserEvent erasureRequested(String userId) {
        return new UserEvent(UUID.randomUUID().toString(), ERASURE_REQUESTED, Instant.now(), userId, null);
    }
}
