package dev.blau.common.security;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The key ids the realm publishes now, as far as this server knows: the published set is read
 * again once it is a minute old (by default), and sooner (at most every few seconds) for a key id it does
 * not hold yet. A key removed from the realm is thus refused within a minute (and the one
 * request that finds the set old), whatever caches the runtime's token check keeps; a new key
 * is trusted as soon as tokens signed by it come. A known key never waits for a read: an old
 * set is read again in the background, so a slow identity provider slows no request.
 */
public final class SigningKeyIds {

    static final long TIME_TO_LIVE_NANOS = 60_000_000_000L;
    private final long timeToLiveNanos;
    static final long UNKNOWN_KEY_REFRESH_NANOS = 5_000_000_000L;

    private final Supplier<Set<String>> published;
    private final LongSupplier clock;
    private final Executor background;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Set<String> known;
    private volatile long readAt;
    private volatile boolean failing;
    private volatile long failedAt; // a failed read is not tried again for a few seconds

    /**
     * {@code published}: reads the realm's key ids (throws when it cannot); {@code clock}:
     * nanoseconds; {@code background}: where an old set is read again.
     */
    public SigningKeyIds(Supplier<Set<String>> published, LongSupplier clock, Executor background) {
        this(published, clock, background, TIME_TO_LIVE_NANOS);
    }

    /** As above, the published set read again once {@code timeToLiveNanos} old. */
    public SigningKeyIds(Supplier<Set<String>> published, LongSupplier clock, Executor background, long timeToLiveNanos) {
        this.timeToLiveNanos = timeToLiveNanos;
        this.published = published;
        this.clock = clock;
        this.background = background;
    }

    /** Whether the realm publishes this key id. */
    public boolean published(String kid) {
        long now = clock.getAsLong();
        Set<String> current = known;
        if (current != null && current.contains(kid)) {
            if (now - readAt > timeToLiveNanos && !backingOff(now) && refreshing.compareAndSet(false, true)) {
                background.execute(() -> {
                    try {
                        read(clock.getAsLong());
                    } finally {
                        refreshing.set(false);
                    }
                });
            }
            return true;
        }
        // a key id this server does not hold, or nothing read yet: the answer waits for a read
        boolean due = current == null ? !backingOff(now) : now - readAt > UNKNOWN_KEY_REFRESH_NANOS && !backingOff(now);
        if (due) {
            read(now);
        }
        current = known;
        return current == null || current.contains(kid); // never read: the runtime's own check is all there is
    }

    private boolean backingOff(long now) {
        return failing && now - failedAt < UNKNOWN_KEY_REFRESH_NANOS;
    }

    private synchronized void read(long now) {
        if (known != null && readAt - now >= 0) {
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
