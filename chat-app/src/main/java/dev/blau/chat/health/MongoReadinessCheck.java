package dev.blau.chat.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.mongodb.client.MongoDatabase;

import dev.blau.chat.messages.control.StoreCircuit;
import dev.blau.common.health.DependencyProbe;

/** Ready when the message store answers a ping: no message can be acknowledged without it. */
@Readiness
@ApplicationScoped
public class MongoReadinessCheck implements HealthCheck {

    @Inject
    MongoDatabase database;

    @Inject
    StoreCircuit circuit;

    @Override
    public HealthCheckResponse call() {
        // up or down, the breaker's state: "open" while calls to the store are refused at once
        return DependencyProbe.probe("chat-mongodb", () -> {
            database.runCommand(new Document("ping", 1));
            return HealthCheckResponse.named("chat-mongodb").up().withData("database", database.getName());
        }, answer -> answer.withData("circuitBreaker", circuit.state()));
    }
}
