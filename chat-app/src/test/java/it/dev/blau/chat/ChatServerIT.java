package it.dev.blau.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Health;

/** chat-app alone in its own server (the microservice deployment) against the local stack. */
class ChatServerIT {

    final Api server = Api.underTest();

    @Test
    void readinessListsExactlyChatAppsBackingServicesAllUp() {
        await().atMost(Duration.ofMinutes(2)).until(() -> server.get("/health/ready").status() == 200);

        Api.Answer ready = server.get("/health/ready");

        assertEquals(Set.of("chat-postgresql", "chat-mongodb", "chat-redis", "chat-kafka", "chat-keycloak"), Health.checksByName(ready.json()).keySet(), ready::toString);
    }

    @Test
    void healthRouteOfTheApiAnswersUp() {
        await().atMost(Duration.ofMinutes(2)).until(() -> server.get("/api/v1/chat/health").status() == 200);

        Api.Answer health = server.get("/api/v1/chat/health");

        assertEquals("UP", health.json().getString("status"), health::toString);
        assertEquals("chat-app", health.json().getString("application"));
    }

}
