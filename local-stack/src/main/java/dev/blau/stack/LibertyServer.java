package dev.blau.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** An Open Liberty server built by the project, run with {@code server run} as a child process. */
public final class LibertyServer implements ManagedService {

    private final String name;
    private final Path wlpDir;
    private final String serverName;
    private final int httpPort;
    private final int httpsPort;
    private final Path outputDir;
    private final Map<String, String> serviceEnv;
    private final Path logFile;
    private ChildProcess process;

    /** @param outputDir WLP_OUTPUT_DIR for a second instance, so logs and workarea don't clash; null for the default */
    public LibertyServer(String name, Path wlpDir, String serverName, int httpPort, int httpsPort, Path outputDir,
                         Map<String, String> serviceEnv, Path logsDir) {
        this.name = name;
        this.wlpDir = wlpDir;
        this.serverName = serverName;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.outputDir = outputDir;
        this.serviceEnv = serviceEnv;
        this.logFile = logsDir.resolve(name + ".log");
    }

    @Override public String name() { return name; }
    @Override public String displayName() { return "Liberty " + name; }
    @Override public List<Integer> ports() { return List.of(httpPort, httpsPort); }
    @Override public int mainPort() { return httpPort; }
    @Override public String address() { return "http://localhost:" + httpPort + "/"; }
    @Override public Duration readyTimeout() { return Duration.ofSeconds(300); }  // a fresh server on one busy core takes about 3 min
    @Override public Path logFile() { return logFile; }

    /** Null when the server is built, else what to tell the developer. */
    public String missingBuildMessage() {
        if (Files.isExecutable(wlpDir.resolve("bin").resolve("server"))
                && Files.isDirectory(wlpDir.resolve("usr").resolve("servers").resolve(serverName))) {
            return null;
        }
        return serverName + " server not built (" + wlpDir + "): run ./mvnw install -DskipTests first";
    }

    @Override
    public synchronized void start() throws IOException {
        String missing = missingBuildMessage();
        if (missing != null) {
            throw new IOException(missing);
        }
        Map<String, String> env = new LinkedHashMap<>(serviceEnv);
        // server.xml's http.port / https.port variables resolve from these
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("HTTPS_PORT", Integer.toString(httpsPort));
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        if (outputDir != null) {
            Files.createDirectories(outputDir);
            env.put("WLP_OUTPUT_DIR", outputDir.toString());
        }
        process = ChildProcess.start(List.of(wlpDir.resolve("bin").resolve("server").toString(), "run", serverName),
                env, wlpDir, logFile);
    }

    @Override
    public boolean isReady() {
        return Http.status("http://localhost:" + httpPort + "/health/started") == 200;
    }

    /** /health/ready status, reported after start: DOWN means a backing service is not reachable. */
    public int readinessStatus() {
        return Http.status("http://localhost:" + httpPort + "/health/ready");
    }

    @Override
    public boolean isAlive() {
        ChildProcess p = process;
        return p == null || p.isAlive();
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30)); // SIGTERM lets Liberty stop its applications
            process = null;
        }
    }

    @Override
    public synchronized void kill() {
        if (process != null) {
            process.kill(); // no shutdown hooks: sockets drop, nothing is said to anyone
            process = null;
        }
    }

    @Override
    public OptionalLong pid() {
        ChildProcess p = process;
        return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
    }
}
