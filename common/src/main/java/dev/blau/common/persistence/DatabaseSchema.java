package dev.blau.common.persistence;

import dev.blau.common.ServiceName;

import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The application's own PostgreSQL schema (named by the {@link ServiceName}: {@code auth} or {@code chat}),
 * brought up to date by Flyway from {@code db/migration/<schema>}. Each application owns its
 * schema and history table, so auth-app and chat-app migrate independently even in one
 * database. Both also bring the shared {@code audit} and {@code privacy} schemas up to date (its migrations live in
 * this library, so they are the same whichever application runs them). When PostgreSQL is down at start-up the deployment still starts; the readiness
 * check retries the migration and reports DOWN until it succeeds.
 */
@ApplicationScoped
public class DatabaseSchema {

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    @Inject
    ServiceName service;

    @Resource(lookup = "jdbc/blau")
    DataSource dataSource;

    /** The schema of the audit log, shared by both applications. */
    static final String AUDIT_SCHEMA = "audit";
    /** The schema of the data requests (GDPR export and erasure), shared by both applications. */
    static final String PRIVACY_SCHEMA = "privacy";

    private volatile boolean migrated;
    private volatile String lastError = "not migrated yet";

    void migrateOnStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ensureMigrated();
    }

    /** Migrates unless already done; returns whether the schema is up to date. */
    public synchronized boolean ensureMigrated() {
        if (migrated) {
            return true;
        }
        String schema = service.value();
        try {
            MigrateResult result = migrate(schema);
            LOG.info(() -> "Schema " + schema + " at version " + result.targetSchemaVersion
                    + " (" + result.migrationsExecuted + " migrations applied now)");
            // the audit log both applications write to: the same migrations from this library, whichever runs first
            MigrateResult audit = migrate(AUDIT_SCHEMA);
            LOG.info(() -> "Schema " + AUDIT_SCHEMA + " at version " + audit.targetSchemaVersion);
            MigrateResult privacy = migrate(PRIVACY_SCHEMA);
            LOG.info(() -> "Schema " + PRIVACY_SCHEMA + " at version " + privacy.targetSchemaVersion);
            migrated = true;
            lastError = null;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.log(Level.WARNING, "Schema " + schema + " not migrated: " + e.getMessage());
        }
        return migrated;
    }

    private MigrateResult migrate(String schema) {
        String location = "classpath:db/migration/" + schema;
        return Flyway.configure(DatabaseSchema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                // on Liberty a location is only found through the empty marker file flyway.location in it;
                // a location that is not found must fail, not pass as "nothing to migrate"
                .locations(location)
                .failOnMissingLocations(true)
                // SQL callbacks sit beside the migrations: no second location for Liberty to miss. (Flyway
                // also looks for Java callbacks in db/callback, whatever is configured: the empty marker
                // db/callback/flyway.location of this library keeps that from logging an error at every start.)
                .callbackLocations(location)
                .load()
                .migrate();
    }

    public boolean isMigrated() {
        return migrated;
    }

    public String lastError() {
        return lastError;
    }

    public String name() {
        return service.value();
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
