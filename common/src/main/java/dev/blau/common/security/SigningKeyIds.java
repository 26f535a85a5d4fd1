package dev.blau.common.security;

import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The key ids the realm publishes now, as far as this server knows: the published set is read
 * again once it is a minute old, and sooner (at most every few seconds) for a key id it does
 * not hold yet. A key removed from the realm is thus refused within a minute, whatever caches
 * the runtime's token check keeps; a new key is trusted as soon as tokens signed by it come.
 */
public final class SigningKeyIds {

    static final long TIME_TO_LIVE_NANOS = 60_000_000_000L;
    static final long UNKNOWN_KEY_REFRESH_NANOS = 5_000_000_000L;

    private final Supplier<Set<String>> published;
    private final LongSupplier clock;
    private volatile Set<String> known;
    private volatile long readAt;
    private volatile boolean failing;
    private volatile long failedAt; // a failed read is not tried again for a few seconds

    /** {@code published}: reads the realm's key ids (throws when it cannot); {@code clock}: nanoseconds. */
    public SigningKeyIds(Supplier<Set<String>> published, LongSupplier clock) {
        this.published = published;
        this.clock = clock;
    }

    /** Whether the realm publishes this key id. */
    public boolean published(String kid) {
        long now = clock.getAsLong();
        if (due(kid, now)) {
            read(kid, now);
        }
        Set<String> current = known;
        return current == null || current.contains(kid); // never read: the runtime's own check is all there is
    }

    private boolean due(String kid, long now) {
        Set<String> current = known;
        boolean stale = current == null || now - readAt > TIME_TO_LIVE_NANOS;
        boolean unknown = current != null && !current.contains(kid) && now - readAt > UNKNOWN_KEY_REFRESH_NANOS;
        return (stale || unknown) && !(failing && now - failedAt < UNKNOWN_KEY_REFRESH_NANOS);
    }

    private synchronized void read(String kid, long now) {
        if (!due(kid, now)) {
            return; // another caller read it meanwhile
        }
        try {
            known = Set.copyOf(published.get());
            readAt = now;
            failing = false;
        } catch (RuntimeException unreachable) {
            // the identity provider is away: the keys it published last still count (it cannot remove one meanwhile)
            failing = true;
            failedAt = now;
        }
    }
}
