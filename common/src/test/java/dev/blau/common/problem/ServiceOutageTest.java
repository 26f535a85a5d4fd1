package dev.blau.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

class ServiceOutageTest {

    @Test
    void aLostDatabaseConnectionDeepInTheCausesIsAnOutage() {
        var refused = new SQLException("Connection to localhost:5432 refused", "08001");
        assertEquals(Optional.of("database"), ServiceOutage.of(new PersistenceException(new RuntimeException(refused))));
        assertEquals(Optional.of("database"), ServiceOutage.of(new RuntimeException(new SQLException("terminating connection", "57P01"))));
    }

    @Test
    void anAnswerThatCannotBeTrustedBecauseOfAServiceIsAnOutageOfThatService() {
        assertEquals(Optional.of("database"), ServiceOutage.of(new RuntimeException(new ServiceOutage.Unreachable("database"))));
    }

    @Test
    void aFailingStatementOrAnyOtherErrorIsNot() {
        assertTrue(ServiceOutage.of(new PersistenceException(new SQLException("duplicate key", "23505"))).isEmpty());
        assertTrue(ServiceOutage.of(new IllegalStateException("bug")).isEmpty());
        assertTrue(ServiceOutage.of(new RuntimeException(new SQLException("no state"))).isEmpty());
    }

    @Test
    void theAnswerIsA503ThatInvitesARetry() {
        Problem problem = ServiceOutage.problem("database");
        assertEquals(503, problem.status());
        assertEquals("https://blau.dev/problems/unavailable", problem.type().toString());
        assertEquals("5", ServiceOutage.headers().get("Retry-After"));
    }
}
