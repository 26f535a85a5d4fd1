package dev.blau.common.privacy;

import java.time.Instant;

/**
 * A person's request under the GDPR: an export of their data or the erasure of their account,
 * made by them or by an administrator for them ({@code requestedBy}). Each application does its
 * part and marks it done; the request is complete when both are (an export has no part in
 * auth-app: it is complete once its archive is stored).
 */
public record DataRequest(String id, Kind kind, String userId, String requestedBy, Instant requestedAt,
                          String profile, Instant accountDoneAt, Instant chatDoneAt, Instant completedAt,
                          Instant failedAt, int attempts, String lastError, String archiveKey, Long archiveSize,
                          Instant expiresAt, Instant expiredAt) {

    public enum Kind {
        EXPORT, ERASURE;

        public String wire() {
            return name().toLowerCase();
        }

        static Kind of(String wire) {
            return valueOf(wire.toUpperCase());
        }
    }

    /** What the person sees: pending, then ready (an archive to download) or done (erased); failed; expired. */
    public String state(Instant now) {
        if (kind == Kind.ERASURE) {
            return completedAt != null ? "done" : "pending";
        }
        if (failedAt != null) {
            return "failed";
        }
        if (expiredAt != null || expiresAt != null && !expiresAt.isAfter(now)) {
            return "expired";
        }
        return chatDoneAt != null ? "ready" : "pending";
    }

    public boolean downloadable(Instant now) {
        return "ready".equals(state(now)) && archiveKey != null;
    }
}
