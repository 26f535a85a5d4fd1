package dev.blau.stack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A bounded wait for a condition another process makes true (a port, an HTTP answer, an exit). */
final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Poll() {
    }

    /** Checks the condition until it holds or the limit passes; returns whether it held. */
    static boolean until(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(INTERVAL.toMillis()); // the polling interval: nothing to be notified of
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
