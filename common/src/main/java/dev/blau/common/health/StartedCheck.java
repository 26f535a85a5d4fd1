package dev.blau.common.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import dev.blau.common.persistence.DatabaseSchema;

/**
 * Started once the application has initialised and tried its schema migration (CDI only
 * calls this bean after the application is up). A database that is down at start-up does
 * not hold the start: readiness reports it instead.
 */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    @Inject
    DatabaseSchema schema;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(schema.name() + "-started").up()
                .withData("schemaMigrated", schema.isMigrated())
                .build();
    }
}
