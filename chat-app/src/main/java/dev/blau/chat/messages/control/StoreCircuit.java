package dev.blau.chat.messages.control;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.common.health.CircuitWatch;

/**
 * Every call to the message store: a store that cannot be reached is a fast, named failure
 * ({@link StoreUnavailableException}, 503 / error frame {@code store-unavailable}), never a hung
 * or half-done call. After repeated failures the breaker answers at once for 10 s instead of
 * letting each call wait out the driver's 3 s server selection.
 */
@ApplicationScoped
public class StoreCircuit {

    @Inject
    StoreBreaker breaker;

    private final CircuitWatch watch = new CircuitWatch(Duration.ofSeconds(StoreBreaker.DELAY_SECONDS));

    public <T> T available(Supplier<T> call) {
        return watch.call(() -> breaker.call(call), open -> new StoreUnavailableException("message store circuit open", open));
    }

    /** {@code open} while calls are refused without trying the store, else {@code closed}: for readiness data. */
    public String state() {
        return watch.state();
    }
}
