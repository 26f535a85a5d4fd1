package dev.blau.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where things live and which ports they use. Layout under the stack dir (default {@code <repo>/.blau}):
 * {@code data/} (or --data-dir), and next to the data dir {@code logs/}, {@code stack.pid}, {@code last-start.json};
 * {@code downloads/} and the unzipped Keycloak stay in the stack dir, shared by every data dir.
 */
public record StackConfig(Path repoDir, Path stackDir, Path dataDir, Ports ports, String keycloakVersion,
                          String externalMongoUri, Path realmFile, boolean quickStart) {

    // Local-development credentials only: the stack listens on 127.0.0.1 and is never deployed.
    public static final String POSTGRES_DB = "blau";
    public static final String POSTGRES_USER = "blau";
    public static final String POSTGRES_PASSWORD = "blau";
    public static final String KEYCLOAK_ADMIN = "admin";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "admin";

    /** The JIT option of {@code --quick-start}: the C1 compiler only. */
    public static final String QUICK_START_JIT = "-XX:TieredStopAtLevel=1";

    public static StackConfig from(StackOptions options, Properties system, Map<String, String> env) {
        Properties defaults = loadDefaults();
        Path repo = Path.of(system.getProperty("blau.repo.dir", guessRepoDir().toString())).toAbsolutePath().normalize();
        Path stack = Path.of(system.getProperty("blau.stack.dir", repo.resolve(".blau").toString())).toAbsolutePath().normalize();
        Path data = options.dataDir() != null ? options.dataDir() : stack.resolve("data");
        Path realm = options.realmFile() != null ? options.realmFile() : repo.resolve("keycloak").resolve("blau-realm.json");
        String mongoUri = env.get("MONGODB_URI");
        return new StackConfig(repo, stack, data, Ports.resolve(defaults, system, options.ports()),
                defaults.getProperty("keycloak.version"), mongoUri == null || mongoUri.isBlank() ? null : mongoUri, realm,
                options.quickStart());
    }

    static Properties loadDefaults() {
        Properties p = new Properties();
        try (InputStream in = StackConfig.class.getResourceAsStream("/blau-stack.properties")) {
            if (in == null) {
                throw new IllegalStateException("blau-stack.properties missing from the launcher's classpath");
            }
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar sits in {@code <repo>/local-stack/target/}; so do the classes when run from the IDE or tests. */
    private static Path guessRepoDir() {
        try {
            Path location = Path.of(StackConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = location.getParent();
            if (target != null && target.getFileName().toString().equals("target")
                    && target.getParent() != null && target.getParent().getParent() != null) {
                return target.getParent().getParent();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    /** The directory holding logs, the pid file and last-start.json: the data dir's parent. */
    public Path stateDir() {
        Path parent = dataDir.getParent();
        return parent != null ? parent : dataDir;
    }

    public Path logsDir() {
        return stateDir().resolve("logs");
    }

    public Path pidFile() {
        return stateDir().resolve("stack.pid");
    }

    public Path lastStartFile() {
        return stateDir().resolve("last-start.json");
    }

    public Path downloadsDir() {
        return stackDir.resolve("downloads");
    }

    public String controlUrl() {
        return "http://127.0.0.1:" + ports.get("stack.control");
    }

    public boolean startsMongo() {
        return externalMongoUri == null;
    }

    public String mongoUri() {
        return startsMongo() ? "mongodb://127.0.0.1:" + ports.get("mongodb") : externalMongoUri;
    }

    static final int HOOK_TEST_RECEIVER_PORT = 47619;

    /** What the Liberty servers read through MicroProfile Config (environment variables). */
    public Map<String, String> serviceEnvironment() {
        int pg = ports.get("postgres");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + pg + "/" + POSTGRES_DB);
        env.put("POSTGRES_HOSTNAME", "127.0.0.1");
        env.put("POSTGRES_PORT", Integer.toString(pg));
        env.put("POSTGRES_DB", POSTGRES_DB);
        env.put("POSTGRES_USER", POSTGRES_USER);
        env.put("POSTGRES_PASSWORD", POSTGRES_PASSWORD);
        env.put("MONGODB_URI", mongoUri());
        env.put("REDIS_URL", "redis://127.0.0.1:" + ports.get("redis"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.get("kafka"));
        env.put("KEYCLOAK_URL", "http://localhost:" + ports.get("keycloak"));
        // local development and tests only: outgoing webhooks may reach this one loopback port (the
        // receiver of the webhook tests); every other internal address stays refused
        env.put("CHAT_HOOKS_ALLOWED_TARGETS", "127.0.0.1:" + HOOK_TEST_RECEIVER_PORT);
        return env;
    }

    /**
     * JVM options of the Java services the stack starts (Keycloak, the Liberty servers; ./blau gives
     * the launcher's own). With {@code --quick-start}, the C1 compiler only, as Quarkus's dev mode and
     * IDE launchers do: half of a warm start's CPU went to the JIT compilers (C2 alone 40 % of the
     * ear server's), whose best code pays off only under minutes of load, which a developer's stack
     * that restarts often rarely carries. Load tests and benchmarks run without it.
     */
    public List<String> jvmOptions() {
        return quickStart ? List.of(QUICK_START_JIT) : List.of();
    }

    /** A Liberty server's environment: {@link #serviceEnvironment()}, and {@link #jvmOptions()} after any {@code JVM_ARGS} given. */
    public Map<String, String> libertyEnvironment(String givenJvmArgs) {
        Map<String, String> env = serviceEnvironment();
        if (!jvmOptions().isEmpty()) {
            List<String> args = new ArrayList<>();
            if (givenJvmArgs != null && !givenJvmArgs.isBlank()) {
                args.add(givenJvmArgs.strip());
            }
            args.addAll(jvmOptions());
            env.put("JVM_ARGS", String.join(" ", args));
        }
        return env;
    }

    public static boolean isDirectoryWithContent(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
