package dev.blau.common.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.blau.common.persistence.DatabaseSchema;

/** Ready when PostgreSQL answers and the application's schema is migrated. */
@Readiness
@ApplicationScoped
public class PostgresReadinessCheck implements HealthCheck {

    @Inject
    DatabaseSchema schema;

    @Override
    public HealthCheckResponse call() {
        String name = schema.name() + "-postgresql";
        HealthCheckResponse database = DependencyProbe.jdbc(name, schema.dataSource());
        if (database.getStatus() == HealthCheckResponse.Status.DOWN || schema.ensureMigrated()) {
            return database;
        }
        return HealthCheckResponse.named(name).down()
                .withData("reason", "schema " + schema.name() + " not migrated: " + schema.lastError())
                .build();
    }
}
