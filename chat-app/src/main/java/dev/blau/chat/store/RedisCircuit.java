package dev.blau.chat.store;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.common.health.CircuitWatch;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Every Redis command and pipeline goes through here ({@link RedisClientProducer} builds the client
 * on it). Redis away is a {@link JedisConnectionException} as before — a 503 {@code unavailable}
 * or an {@code unavailable} error frame, safe to retry — and after repeated failures the breaker
 * gives that answer at once for 10 s instead of each call waiting for its 2 s timeouts.
 */
@ApplicationScoped
public class RedisCircuit {

    @Inject
    RedisBreaker breaker;

    private final CircuitWatch watch = new CircuitWatch(Duration.ofSeconds(RedisBreaker.DELAY_SECONDS));

    public <T> T call(Supplier<T> call) {
        return watch.call(() -> breaker.call(call), open -> new JedisConnectionException("Redis circuit open: refused without trying", open));
    }

    /** {@code open} while commands are refused without trying Redis, else {@code closed}: for readiness data. */
    public String state() {
        return watch.state();
    }
}
