package dev.blau.auth.profiles.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.events.control.UserEvents;
import dev.blau.auth.events.entity.UserEvent;
import dev.blau.auth.profiles.entity.UserProfile;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.privacy.DataRequest;
import dev.blau.common.privacy.DataRequests;

/**
 * Exports of a person's data, asked by them or by an administrator for them. auth-app records
 * the request with the profile as it is now; chat-app writes the archive (the profile, rooms,
 * messages and files) in the background and stores it for a week. Asking again while one is
 * being written is refused ({@code 409}, naming it), and so is more than
 * {@code auth.exports.per-hour} in an hour ({@code 429}).
 */
@ApplicationScoped
public class DataExports {

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final Duration WINDOW = Duration.ofHours(1);

    @Inject
    DataRequests requests;

    @Inject
    UserEvents events;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "auth.exports.per-hour", defaultValue = "3")
    int perHour;

    /** What the archive's profile.json holds. */
    @JsonbPropertyOrder({"id", "username", "email", "displayName", "locale", "statusMessage", "createdAt", "updatedAt"})
    public record ProfileRecord(String id, String username, String email, String displayName, String locale,
                                String statusMessage, Instant createdAt, Instant updatedAt) {
    }

    @Transactional
    public DataRequest request(String actorId, UserProfile profile) {
        String userId = profile.getId();
        requests.lockUser(userId);
        Optional<DataRequest> pending = requests.pendingExport(userId, actorId);
        if (pending.isPresent()) { // a double click, or impatience: the one being written comes soon
            throw AuthProblems.exportInProgress("/api/v1/auth/profile/exports/" + pending.get().id());
        }
        Instant now = Instant.now();
        List<Instant> recent = requests.exportTimesSince(userId, now.minus(WINDOW));
        if (recent.size() >= perHour) {
            Instant freeAt = recent.get(recent.size() - perHour).plus(WINDOW);
            long seconds = Math.max(1, Duration.between(now, freeAt).toSeconds() + 1);
            throw AuthProblems.tooManyExports(perHour, seconds);
        }
        DataRequest request = requests.createExport(userId, actorId, JSON.toJson(new ProfileRecord(userId,
                profile.getUsername(), profile.getEmail(), profile.getDisplayName(), profile.getLocale(),
                profile.getStatusMessage(), profile.getCreatedAt(), profile.getUpdatedAt())));
        audit.record(actorId, "user.export", "user:" + userId, Map.of("request", request.id()));
        events.publish(UserEvent.exportRequested(userId));
        return request;
    }
}
