package dev.blau.testing.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed schedule: event k is due at {@code start + k / rate}, whatever happened to the
 * events before it. The generator never waits for the server; when it falls behind it fires
 * late events at once, and they are still timed from when they were due.
 */
final class OpenLoop {

    private final long startNanos;
    private final double periodNanos;

    OpenLoop(double perSecond, long startNanos) {
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / perSecond;
    }

    /** When event k is due (System.nanoTime). */
    long due(long k) {
        return startNanos + (long) (k * periodNanos);
    }

    /** Waits until event k is due (returns at once when it is overdue); returns its due time. */
    long awaitDue(long k) {
        long due = due(k);
        sleepUntil(due);
        return due;
    }

    static void sleepUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
