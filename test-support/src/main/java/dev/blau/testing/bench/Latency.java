package dev.blau.testing.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies in microseconds (up to 10 minutes, 3 significant digits), read back in milliseconds. */
final class Latency {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private Latency() {
    }

    static ConcurrentHistogram histogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }

    /** Records {@code now − from} (both System.nanoTime); a negative span counts as 0, an absurd one as the maximum. */
    static void record(Histogram h, long fromNanos, long nowNanos) {
        long micros = Math.max(0, (nowNanos - fromNanos) / 1_000);
        h.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0;
    }
}
