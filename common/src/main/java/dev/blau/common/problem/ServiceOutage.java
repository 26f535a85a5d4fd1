package dev.blau.common.problem;

import java.sql.SQLException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

/**
 * Recognizes a failure that only means a backing service cannot be reached right now, so the
 * caller gets a {@code 503} (or an {@code unavailable} error frame) with a hint to retry
 * instead of an incident: nothing was changed, and retrying is safe.
 */
public final class ServiceOutage {

    /** How long a client should wait before trying again: the services restart within seconds. */
    public static final long RETRY_AFTER_SECONDS = 5;

    // Jedis is named, not linked: this module is shared with auth-app, which does not use Redis
    private static final String REDIS_CONNECTION_FAILURE = "redis.clients.jedis.exceptions.JedisConnectionException";
    // what Jedis throws when every pooled connection stayed busy for the pool's whole wait
    private static final String REDIS_FAILURE = "redis.clients.jedis.exceptions.JedisException";

    private ServiceOutage() {
    }

    /** Thrown where a service's failure shows only indirectly (an answer that cannot be trusted). */
    public static final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String service;

        public Unreachable(String service) {
            super(service + " unreachable");
            this.service = service;
        }
    }

    /** The unreachable service behind {@code failure}, if that is all it is. */
    public static Optional<String> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Unreachable unreachable) {
                return Optional.of(unreachable.service);
            }
            if (t instanceof SQLException sql && isConnectionLoss(sql.getSQLState())) {
                return Optional.of("database");
            }
            if (REDIS_CONNECTION_FAILURE.equals(t.getClass().getName())
                    || REDIS_FAILURE.equals(t.getClass().getName()) && t.getCause() instanceof NoSuchElementException) {
                return Optional.of("Redis");
            }
        }
        return Optional.empty();
    }

    /** SQLSTATE class 08 (connection exception) and PostgreSQL's 57P01–57P03 (shut down, crashed, not accepting yet). */
    static boolean isConnectionLoss(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }

    public static Problem problem(String service) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "unavailable",
                "A service BLAU needs (" + service + ") cannot be reached right now; nothing was changed. Try again shortly.");
    }

    public static Map<String, String> headers() {
        return RetryAfter.seconds(RETRY_AFTER_SECONDS);
    }
}
