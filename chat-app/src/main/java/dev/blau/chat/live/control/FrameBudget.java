package dev.blau.chat.live.control;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * What one socket may send: every frame, whatever its type, takes a token from a bucket that
 * holds {@code burst} and refills {@code perSecond} (a reconnect joins all its rooms at once;
 * after that a client sends a few frames a second). In memory: a socket lives on one server,
 * and an idle socket costs nothing, since the bucket refills by arithmetic on the next frame.
 * Refusals are counted over the last minute, so a client that keeps going can be cut off.
 */
public final class FrameBudget {

    private static final long REFUSALS_WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final Bucket bucket;
    private final TimeMeter clock;
    private long refusalsSince;
    private int refusals;

    public FrameBudget(int perSecond, int burst) {
        this(perSecond, burst, TimeMeter.SYSTEM_NANOTIME);
    }

    FrameBudget(int perSecond, int burst, TimeMeter clock) {
        this.clock = clock;
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(clock)
                .build();
        this.refusalsSince = clock.currentTimeNanos();
    }

    /** Takes one frame's token: 0 when the frame may be run, else the whole seconds until one is there. */
    public synchronized long take() {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        long now = clock.currentTimeNanos();
        if (now - refusalsSince > REFUSALS_WINDOW_NANOS) {
            refusalsSince = now;
            refusals = 0;
        }
        refusals++;
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** Frames refused within the current minute. */
    public synchronized int recentRefusals() {
        return refusals;
    }
}
