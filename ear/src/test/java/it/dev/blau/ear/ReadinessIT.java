package it.dev.blau.ear;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.blau.testing.Api;
import dev.blau.testing.Health;
import dev.blau.testing.LocalStackControl;

/**
 * The enterprise deployment (both applications in one server) against the real local stack:
 * readiness lists a check per backing service of each application, and goes DOWN with a
 * reason while one of them is stopped.
 */
class ReadinessIT {

    static final Set<String> EVERY_DEPENDENCY_CHECK = Set.of(
            "auth-postgresql", "auth-keycloak", "auth-kafka",
            "chat-postgresql", "chat-mongodb", "chat-redis", "chat-kafka", "chat-keycloak");

    final Api server = Api.underTest();
    final LocalStackControl stack = LocalStackControl.ofThisBuild();

    @BeforeEach
    void everyDependencyIsUp() {
        await("readiness UP").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> server.get("/health/ready").status() == 200);
    }

    @Test
    void readinessIsUpWithACheckForEveryBackingServiceOfBothApplications() {
        Api.Answer ready = server.get("/health/ready");

        assertEquals(200, ready.status(), ready::toString);
        Map<String, JsonObject> checks = Health.checksByName(ready.json());
        assertTrue(checks.keySet().containsAll(EVERY_DEPENDENCY_CHECK), () -> "checks: " + checks.keySet());
        checks.values().forEach(check -> assertEquals("UP", check.getString("status"), check::toString));
    }

    @Test
    void livenessAndStartupAreUp() {
        Api.Answer live = server.get("/health/live");
        Api.Answer started = server.get("/health/started");

        assertEquals(200, live.status(), live::toString);
        assertTrue(Health.checksByName(live.json()).keySet().containsAll(Set.of("auth-heap", "chat-heap")), live::toString);
        assertEquals(200, started.status(), started::toString);
        assertTrue(Health.checksByName(started.json()).keySet().containsAll(Set.of("auth-started", "chat-started")), started::toString);
    }

    @ParameterizedTest(name = "{0} stopped: {1} DOWN")
    @CsvSource({
            "redis,    chat-redis",
            "mongodb,  chat-mongodb",
            "postgres, auth-postgresql chat-postgresql",
            "kafka,    auth-kafka chat-kafka",
            "keycloak, auth-keycloak chat-keycloak"})
    void readinessGoesDownWithAReasonWhileADependencyIsStopped(String service, String affectedChecks) {
        Set<String> affected = Set.of(affectedChecks.split(" "));
        stack.stop(service);
        try {
            await(service + " checks DOWN").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        Api.Answer ready = server.get("/health/ready");
                        assertEquals(503, ready.status(), ready::toString);
                        Map<String, JsonObject> checks = Health.checksByName(ready.json());
                        for (String name : affected) {
                            JsonObject check = checks.get(name);
                            assertEquals("DOWN", check.getString("status"), check::toString);
                            assertFalse(check.getJsonObject("data").getString("reason").isBlank(), check::toString);
                        }
                        checks.forEach((name, check) -> {
                            if (!affected.contains(name)) {
                                assertEquals("UP", check.getString("status"), () -> "unrelated check " + check);
                            }
                        });
                    });
        } finally {
            stack.start(service);
        }
        await(service + " back, readiness UP").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> server.get("/health/ready").status() == 200);
    }

    @Test
    void eachApplicationAnswersItsOwnHealthRouteWithOnlyItsChecks() {
        Api.Answer auth = server.get("/api/v1/auth/health");
        Api.Answer chat = server.get("/api/v1/chat/health");

        assertEquals(200, auth.status(), auth::toString);
        assertEquals("auth-app", auth.json().getString("application"));
        assertEquals(Set.of("auth-postgresql", "auth-keycloak", "auth-kafka"), Health.checksByName(auth.json()).keySet());
        assertEquals(200, chat.status(), chat::toString);
        assertEquals("chat-app", chat.json().getString("application"));
        assertEquals(Set.of("chat-postgresql", "chat-mongodb", "chat-redis", "chat-kafka", "chat-keycloak"),
                Health.checksByName(chat.json()).keySet());
    }

    @Test
    void metricsAreServedInPrometheusFormatWithoutCredentials() {
        Api.Answer metrics = server.get("/metrics");

        assertEquals(200, metrics.status(), metrics::toString);
        assertTrue(metrics.contentType().startsWith("text/plain"), metrics::contentType);
        assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("# TYPE ")), "Prometheus TYPE lines");
        assertTrue(metrics.body().contains("jvm_uptime_seconds"), "base metrics present");
    }

    @Test
    void openApiDocumentsBothApplicationsAndServesItsUi() {
        Api.Answer document = server.get("/openapi");
        Api.Answer ui = server.get("/openapi/ui/");

        assertEquals(200, document.status(), document::toString);
        assertTrue(document.body().contains("/api/v1/auth/health"), "auth-app paths");
        assertTrue(document.body().contains("/api/v1/chat/health"), "chat-app paths");
        assertEquals(200, ui.status());
    }

    @Test
    void anUnknownApiPathAnswersProblemJson() {
        Api.Answer missing = server.get("/api/v1/chat/no-such-thing");

        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/problem+json"), missing::contentType);
        assertEquals(404, missing.json().getInt("status"));
        assertEquals("Not Found", missing.json().getString("title"));
    }
}
