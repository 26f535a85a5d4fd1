package dev.blau.chat.store;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The one circuit breaker of Redis (every command and pipeline shares it: they share one server).
 * Only {@link RedisCircuit} calls it, so that an open breaker's refusal is translated outside the
 * intercepted method. An error Redis answered (a wrong type, a script error) is not an outage.
 */
@ApplicationScoped
class RedisBreaker {

    static final long DELAY_SECONDS = 10;

    // half of the last four commands found Redis away: refuse at once for 10 s, then let one try
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = DELAY_SECONDS, delayUnit = ChronoUnit.SECONDS,
            failOn = JedisConnectionException.class)
    <T> T call(Supplier<T> call) {
        return call.get();
    }
}
