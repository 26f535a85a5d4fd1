package dev.blau.testing.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Setup work (registering, signing in, joining) on a few blocking threads, with progress and retries. */
final class Parallel {

    private static final int ATTEMPTS = 5;
    /** How long one task may keep waiting as the server's Retry-After says, on top of its attempts. */
    private static final long WAIT_AS_TOLD_MILLIS = 600_000;

    private Parallel() {
    }

    /** Runs {@code task(i)} for i in [0, count) on {@code threads} threads; each task is tried up to 5 times. */
    static void run(String what, int count, int threads, IntConsumer task) {
        paced(what, count, threads, 0, task);
    }

    /** As {@link #run}, with task i started no sooner than i · {@code spacingNanos} after the first. */
    static void paced(String what, int count, int threads, long spacingNanos, IntConsumer task) {
        if (count == 0) {
            return;
        }
        long t0 = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count));
        List<Future<?>> futures = new ArrayList<>();
        long[] lastReport = {t0};
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                long wait = t0 + index * spacingNanos - System.nanoTime();
                if (wait > 0) {
                    sleep(wait / 1_000_000);
                }
                attempt(index, task);
                int n = done.incrementAndGet();
                synchronized (lastReport) {
                    long now = System.nanoTime();
                    if (now - lastReport[0] > 10_000_000_000L && n < count) {
                        lastReport[0] = now;
                        Log.info(String.format(Locale.ROOT, "  %s: %d of %d (%.0f s)", what, n, count, (now - t0) / 1e9));
                    }
                }
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Log.info(String.format(Locale.ROOT, "  %s: %d in %.1f s", what, count, (System.nanoTime() - t0) / 1e9));
    }

    private static void attempt(int index, IntConsumer task) {
        long waitedAsTold = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                task.accept(index);
                return;
            } catch (RetryLater e) {
                if (waitedAsTold > WAIT_AS_TOLD_MILLIS) {
                    throw e;
                }
                attempt--; // the server said when: not a failed attempt
                long millis = e.seconds() * 1000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1000);
                waitedAsTold += millis;
                sleep(millis);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Log.info("  retrying after: " + e.getMessage());
                sleep(500L * attempt);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
