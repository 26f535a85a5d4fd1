package dev.blau.common.health;

import dev.blau.common.ServiceName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.blau.common.messaging.KafkaAdmin;

/** Ready when the Kafka cluster that carries the application's events answers. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    @Inject
    ServiceName service;

    @Inject
    KafkaAdmin kafka;

    @Override
    public HealthCheckResponse call() {
        return DependencyProbe.kafka(service.value() + "-kafka", kafka.client());
    }
}
