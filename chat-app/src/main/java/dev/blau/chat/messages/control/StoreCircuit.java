package dev.blau.chat.messages.control;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Every call to the message store: a store that cannot be reached is a fast, named failure
 * ({@link StoreUnavailableException}, 503 / error frame {@code store-unavailable}), never a hung
 * or half-done call. After repeated failures the breaker answers at once for 10 s instead of
 * letting each call wait out the driver's 3 s server selection.
 */
@ApplicationScoped
public class StoreCircuit {

    /** How long after a refusal the breaker is reported open: its delay. */
    static final Duration OPEN_FOR = Duration.ofSeconds(10);

    @Inject
    StoreBreaker breaker;

    private final AtomicReference<Instant> lastRefusal = new AtomicReference<>(Instant.EPOCH);

    public <T> T available(Supplier<T> call) {
        try {
            T answer = breaker.call(call);
            if (lastRefusal.get() != Instant.EPOCH) { // the breaker let a call through and it worked: closed again
                lastRefusal.set(Instant.EPOCH);
            }
            return answer;
        } catch (CircuitBreakerOpenException e) {
            lastRefusal.set(Instant.now());
            throw new StoreUnavailableException("message store circuit open", e);
        }
    }

    /**
     * True from a refusal until a call goes through again, for at most the breaker's delay (for
     * readiness data; the metrics have its exact state).
     */
    public boolean refusing() {
        return lastRefusal.get().plus(OPEN_FOR).isAfter(Instant.now());
    }
}
