package dev.blau.chat.live.control;

import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;

/**
 * How long each socket may stay open: until the expiry of the token that bought its ticket,
 * moved on by every renewal ({@code auth} frame). One timer per socket, set at open and at
 * renewal, so nothing runs per connected user while time passes and nobody asks Keycloak.
 */
@ApplicationScoped
public class SocketAuthorizations {

    static final CloseReason EXPIRED = new CloseReason(CloseReason.CloseCodes.getCloseCode(Connection.TOKEN_EXPIRED),
            "token expired");

    @Resource
    ManagedThreadFactory threads;

    // Timers of their own, on a container thread: the container's scheduler keeps a cancelled task
    // queued until its time, with the socket and the thread context it captured, so every renewal
    // and every closed socket left a timer behind for minutes. These drop a cancelled one at once.
    private ScheduledThreadPoolExecutor timers;

    @PostConstruct
    void start() {
        timers = new ScheduledThreadPoolExecutor(1, threads);
        timers.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }

    /** The connection is authorized until {@code until}; then, unless renewed, it is closed 4001. */
    public void authorize(Connection connection, Instant until) {
        long delay = Math.max(0, until.toEpochMilli() - System.currentTimeMillis());
        connection.authorize(until, timers.schedule(() -> connection.close(EXPIRED), delay, TimeUnit.MILLISECONDS));
    }

    /** Timers set and not yet run nor cancelled: one per socket of a user. */
    int pending() {
        return timers.getQueue().size();
    }

    /** A bot's connection: its token does not expire; revoking the bot closes the socket (a {@code user.disabled} event). */
    public void authorizeUntilRevoked(Connection connection) {
        connection.authorize(null, null);
    }
}
