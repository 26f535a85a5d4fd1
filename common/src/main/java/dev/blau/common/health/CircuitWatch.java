package dev.blau.common.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * What readiness data says of a circuit breaker: "open" from a refused call until a call goes
 * through again, for at most the breaker's delay. MicroProfile Fault Tolerance has no API for a
 * breaker's state (its metrics have it), so the code around a guarded call reports what it saw.
 */
public final class CircuitWatch {

    private final Duration delay;
    private final AtomicReference<Instant> lastRefusal = new AtomicReference<>(Instant.EPOCH);

    public CircuitWatch(Duration delay) {
        this.delay = delay;
    }

    /**
     * Runs {@code guarded} (a call of a method with {@code @CircuitBreaker}) and notes what the
     * breaker did; its refusal becomes the failure {@code refusal} makes, the one callers already
     * handle for the dependency being away.
     */
    public <T> T call(Supplier<T> guarded, Function<CircuitBreakerOpenException, RuntimeException> refusal) {
        try {
            T answer = guarded.get();
            passed();
            return answer;
        } catch (CircuitBreakerOpenException e) {
            refused();
            throw refusal.apply(e);
        }
    }

    /** The breaker refused a call without trying it. */
    public void refused() {
        lastRefusal.set(Instant.now());
    }

    /** A call went through and worked: the breaker is closed (a read only, on the hot path). */
    public void passed() {
        if (lastRefusal.get() != Instant.EPOCH) {
            lastRefusal.set(Instant.EPOCH);
        }
    }

    public String state() {
        return lastRefusal.get().plus(delay).isAfter(Instant.now()) ? "open" : "closed";
    }
}
