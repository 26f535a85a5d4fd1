package dev.blau.chat.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.blau.chat.store.RedisCircuit;
import dev.blau.common.health.DependencyProbe;
import redis.clients.jedis.UnifiedJedis;

/** Ready when Redis answers PING: presence, tickets and rate limits live there. */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    @Inject
    UnifiedJedis redis;

    @Inject
    RedisCircuit circuit;

    @Override
    public HealthCheckResponse call() {
        // up or down, the breaker's state: "open" while Redis commands are refused at once
        return DependencyProbe.probe("chat-redis", () -> {
            String answer = redis.ping();
            if (!"PONG".equals(answer)) {
                throw new IllegalStateException("PING answered " + answer);
            }
            return HealthCheckResponse.named("chat-redis").up();
        }, answer -> answer.withData("circuitBreaker", circuit.state()));
    }
}
