package it.dev.blau.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Health;

/** auth-app alone in its own server (the microservice deployment) against the local stack. */
class AuthServerIT {

    final Api server = Api.underTest();

    @Test
    void readinessListsExactlyAuthAppsBackingServicesAllUp() {
        await().atMost(Duration.ofMinutes(2)).until(() -> server.get("/health/ready").status() == 200);

        Api.Answer ready = server.get("/health/ready");

        assertEquals(Set.of("auth-postgresql", "auth-keycloak", "auth-kafka"), Health.checksByName(ready.json()).keySet(), ready::toString);
    }

    @Test
    void healthRouteOfTheApiAnswersUp() {
        await().atMost(Duration.ofMinutes(2)).until(() -> server.get("/api/v1/auth/health").status() == 200);

        Api.Answer health = server.get("/api/v1/auth/health");

        assertEquals("UP", health.json().getString("status"), health::toString);
        assertEquals("auth-app", health.json().getString("application"));
    }

}
