package dev.blau.chat.live.control;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
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
    ManagedScheduledExecutorService scheduler;

    /** The connection is authorized until {@code until}; then, unless renewed, it is closed 4001. */
    public void authorize(Connection connection, Instant until) {
        long delay = Math.max(0, until.toEpochMilli() - System.currentTimeMillis());
        connection.authorize(until, scheduler.schedule(() -> connection.close(EXPIRED), delay, TimeUnit.MILLISECONDS));
    }

    /** A bot's connection: its token does not expire; revoking the bot closes the socket (a {@code user.disabled} event). */
    public void authorizeUntilRevoked(Connection connection) {
        connection.authorize(null, null);
    }
}
