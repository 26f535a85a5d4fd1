package dev.blau.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One backing service or server of the local stack, started and stopped by {@link Stack}. */
public interface ManagedService {

    /** Short, stable name used by the control endpoint: postgres, redis, kafka, ear, ... */
    String name();

    /** Name shown to people: PostgreSQL, Redis, ... */
    String displayName();

    /** Every TCP port the service will listen on, checked to be free before anything starts. */
    List<Integer> ports();

    /** The port clients use. */
    int mainPort();

    /** Where clients reach it, for the progress output: 127.0.0.1:15432, http://localhost:9080/ ... */
    String address();

    /** Launches the service. May return before it is ready; {@link #isReady()} tells when it is. */
    void start() throws Exception;

    boolean isReady();

    Duration readyTimeout();

    /** False once a child process has died; lets the launcher stop waiting for readiness early. */
    default boolean isAlive() {
        return true;
    }

    /** Stops the service keeping its data. Idempotent. */
    void stop();

    /** Ends the service at once, without letting it clean up (a crash); by default the same as stop. */
    default void kill() {
        stop();
    }

    /** The OS process; empty when the service runs inside the launcher JVM or is not running. */
    OptionalLong pid();

    /** True for services running inside the launcher JVM: their memory is the launcher's. */
    default boolean inLauncher() {
        return false;
    }

    /** The log to show when the service fails. */
    Path logFile();

    /**
     * The one file that holds all of the service's data, for a cold backup (copied while the
     * service is stopped); empty for a service backed up with its own tools (PostgreSQL: pg_dump).
     */
    default Optional<Path> stateFile() {
        return Optional.empty();
    }
}
