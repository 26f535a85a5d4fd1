package dev.blau.chat.messages.control;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;

/**
 * The one circuit breaker of the message store (every call shares it: they share one store).
 * Only {@link StoreCircuit} calls it, so that an open breaker's refusal is translated outside
 * the intercepted method and never counted as a failure of its own.
 */
@ApplicationScoped
class StoreBreaker {

    static final long DELAY_SECONDS = 10;

    // half of the last four calls found the store away: refuse at once for 10 s, then let one try
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = DELAY_SECONDS, delayUnit = ChronoUnit.SECONDS,
            failOn = StoreUnavailableException.class)
    <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (MongoWriteException e) {
            throw e; // an answer of a reachable store (a taken key), not an outage
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() == null) {
                throw e; // the same answer for documents of a grouped insert
            }
            throw new StoreUnavailableException("message store unavailable: " + e.getClass().getSimpleName(), e);
        } catch (MongoException e) {
            throw new StoreUnavailableException("message store unavailable: " + e.getClass().getSimpleName(), e);
        }
    }
}
