package dev.blau.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak in dev mode as a child process, from the Maven Central distribution zip
 * (copied to {@code .blau/downloads} by the build, unzipped once into {@code .blau/keycloak-<version>}).
 * Its H2 database lives in {@code <dataDir>/keycloak}, so each data dir has its own users and realm.
 */
public final class KeycloakService extends ChildProcessService {

    /**
     * Keycloak's cleanup of expired sessions, tokens and events every minute instead of every 15: its
     * first run after a start costs 2.5–4 s of the core (about half of it compiling that code), and on
     * the stack's shared core it fell 15 minutes after the start, inside the measured steps of any
     * benchmark running then. A minute in, it lands in the start's own work; the later runs take milliseconds.
     */
    static final String CLEANUP_INTERVAL = "-Dkc.spi-scheduled-interval=60";

    private final StackConfig config;
    private final int port;
    private final int managementPort;
    private final Path home;

    public KeycloakService(StackConfig config) {
        super(config.logsDir().resolve("keycloak.log"), Duration.ofSeconds(20));
        this.config = config;
        this.port = config.ports().get("keycloak");
        this.managementPort = config.ports().get("keycloak.management");
        this.home = config.stackDir().resolve("keycloak-" + config.keycloakVersion());
    }

    @Override public String name() { return "keycloak"; }
    @Override public String displayName() { return "Keycloak"; }
    @Override public List<Integer> ports() { return List.of(port, managementPort); }
    @Override public int mainPort() { return port; }
    @Override public String address() { return issuerBase(); }
    @Override public Duration readyTimeout() { return Duration.ofSeconds(240); }

    /** Pinned so the token issuer is the same for browsers and servers: http://localhost:18080/realms/blau. */
    private String issuerBase() {
        return "http://localhost:" + port;
    }

    @Override
    protected List<String> command() {
        return List.of(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                // GET /metrics on the management port (Prometheus text): the benchmarks count the requests Keycloak serves
                "--metrics-enabled=true",
                "--import-realm",
                "--hostname=" + issuerBase());
    }

    @Override
    protected void prepare() throws IOException {
        ensureDistribution();
        importRealm();
        Files.createDirectories(databaseDir());
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        // local-development admin only; Keycloak creates it on the first start of an empty database
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", StackConfig.KEYCLOAK_ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", StackConfig.KEYCLOAK_ADMIN_PASSWORD);
        // the dev-file database URL is ${kc.db-url-path}/data/h2/keycloakdb: keep it with the stack's data
        List<String> options = new ArrayList<>(List.of("-Dkc.db-url-path=" + databaseDir(), CLEANUP_INTERVAL));
        options.addAll(config.jvmOptions());
        env.put("JAVA_OPTS_APPEND", String.join(" ", options));
        return env;
    }

    @Override
    protected Path workingDirectory() {
        return home;
    }

    private Path databaseDir() {
        return config.dataDir().resolve("keycloak");
    }

    private void importRealm() throws IOException {
        Path importDir = home.resolve("data").resolve("import");
        Files.createDirectories(importDir);
        Path realm = config.realmFile();
        if (Files.isRegularFile(realm)) {
            // copied before each start: an existing realm is skipped by the import, a new one is created
            Files.copy(realm, importDir.resolve("blau-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } else {
            System.out.println("  (Keycloak: no realm file at " + realm + ", nothing to import)");
        }
    }

    /** Unzips the distribution once; into a temporary folder first so an interrupted unzip is never taken as done. */
    private void ensureDistribution() throws IOException {
        if (Files.isExecutable(home.resolve("bin").resolve("kc.sh"))) {
            return;
        }
        Path zip = distributionZip();
        System.out.println("  unzipping " + zip.getFileName() + " into " + home + " (once)");
        Path tmp = Files.createTempDirectory(config.stackDir(), ".keycloak-unzip");
        try (InputStream in = Files.newInputStream(zip); ZipInputStream zin = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zin.getNextEntry()) != null) {
                Path target = tmp.resolve(entry.getName()).normalize();
                if (!target.startsWith(tmp)) {
                    throw new IOException("Unsafe entry in " + zip + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zin, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path unpacked = tmp.resolve(home.getFileName());
        if (!Files.isDirectory(unpacked)) {
            throw new IOException(zip + " does not contain " + home.getFileName());
        }
        // zip entries lose their mode in java.util.zip: scripts must be executable again
        try (var scripts = Files.list(unpacked.resolve("bin"))) {
            for (Path script : (Iterable<Path>) scripts.filter(p -> p.toString().endsWith(".sh"))::iterator) {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(tmp);
    }

    private Path distributionZip() throws IOException {
        String fileName = "keycloak-quarkus-dist-" + config.keycloakVersion() + ".zip";
        List<Path> candidates = new ArrayList<>();
        candidates.add(config.downloadsDir().resolve(fileName));
        // the build copies it to downloads/; the local Maven repository is a fallback for a partial build
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "keycloak",
                "keycloak-quarkus-dist", config.keycloakVersion(), fileName));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("Keycloak distribution not found at " + candidates.get(0)
                + ": run ./mvnw -pl local-stack package first");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public boolean isReady() {
        return Http.status("http://127.0.0.1:" + managementPort + "/health/ready") == 200;
    }
}
