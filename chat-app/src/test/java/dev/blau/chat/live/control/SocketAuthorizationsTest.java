package dev.blau.chat.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocketAuthorizationsTest {

    final SocketAuthorizations authorizations = new SocketAuthorizations();

    @BeforeEach
    void containerThreads() {
        authorizations.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable task) {
                return new Thread(task, "socket-timers");
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        authorizations.start();
    }

    @AfterEach
    void stop() {
        authorizations.stop();
    }

    @Test
    void aRenewalOrAClosedSocketLeavesNoTimerBehind() {
        ConnectionTest.ManualSocket socket = new ConnectionTest.ManualSocket();
        Connection connection = socket.connection(false);
        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        authorizations.authorize(connection, later);
        authorizations.authorize(connection, later.plus(Duration.ofMinutes(5))); // renewed
        assertEquals(1, authorizations.pending(), "the renewed socket's first timer is gone, not waiting its time");

        connection.close(SocketAuthorizations.EXPIRED);
        assertEquals(0, authorizations.pending(), "nothing holds the closed socket until its token's expiry");
    }

    @Test
    void anUnrenewedSocketIsClosedAtItsExpiry() {
        ConnectionTest.ManualSocket socket = new ConnectionTest.ManualSocket();
        authorizations.authorize(socket.connection(false), Instant.now().plusMillis(50));
        assertFalse(socket.closed);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> socket.closed);
        assertEquals(Connection.TOKEN_EXPIRED, socket.closeReason.getCloseCode().getCode());
        assertEquals(0, authorizations.pending());
    }
}
