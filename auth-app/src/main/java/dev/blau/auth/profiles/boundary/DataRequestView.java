package dev.blau.auth.profiles.boundary;

import java.time.Instant;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import dev.blau.common.privacy.DataRequest;

/**
 * A data request as its person and administrators see it: an export ({@code pending}, then
 * {@code ready} with a download link until {@code expiresAt}, then {@code expired}; or
 * {@code failed}) or an erasure ({@code pending}, then {@code done}).
 */
@JsonbPropertyOrder({"id", "kind", "state", "userId", "requestedAt", "readyAt", "completedAt", "expiresAt", "size",
        "download"})
public record DataRequestView(String id, String kind, String state, String userId, Instant requestedAt,
                              Instant readyAt, Instant completedAt, Instant expiresAt, Long size, String download) {

    /** Where chat-app serves an export's archive (it keeps the files). */
    static final String ARCHIVE_PATH = "/api/v1/chat/exports/%s/archive";

    public static DataRequestView of(DataRequest request) {
        Instant now = Instant.now();
        boolean export = request.kind() == DataRequest.Kind.EXPORT;
        return new DataRequestView(request.id(), request.kind().wire(), request.state(now), request.userId(),
                request.requestedAt(), export ? request.chatDoneAt() : null, request.completedAt(),
                export ? request.expiresAt() : null, export ? request.archiveSize() : null,
                request.downloadable(now) ? ARCHIVE_PATH.formatted(request.id()) : null);
    }
}
