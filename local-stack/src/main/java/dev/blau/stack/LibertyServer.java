package dev.blau.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Open Liberty server built by the project, run with {@code server run} as a child process. */
public final class LibertyServer extends ChildProcessService {

    private final String name;
    private final Path wlpDir;
    private final String serverName;
    private final int httpPort;
    private final int httpsPort;
    private final Path outputDir;
    private final Map<String, String> serviceEnv;

    /** @param outputDir WLP_OUTPUT_DIR for a second instance, so logs and workarea don't clash; null for the default */
    public LibertyServer(String name, Path wlpDir, String serverName, int httpPort, int httpsPort, Path outputDir,
                         Map<String, String> serviceEnv, Path logsDir) {
        super(logsDir.resolve(name + ".log"), Duration.ofSeconds(30)); // SIGTERM lets Liberty stop its applications
        this.name = name;
        this.wlpDir = wlpDir;
        this.serverName = serverName;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.outputDir = outputDir;
        this.serviceEnv = serviceEnv;
    }

    @Override public String name() { return name; }
    @Override public String displayName() { return "Liberty " + name; }
    @Override public List<Integer> ports() { return List.of(httpPort, httpsPort); }
    @Override public int mainPort() { return httpPort; }
    @Override public String address() { return "http://localhost:" + httpPort + "/"; }
    @Override public Duration readyTimeout() { return Duration.ofSeconds(300); }  // a fresh server on one busy core takes about 3 min

    /** Null when the server is built, else what to tell the developer. */
    public String missingBuildMessage() {
        if (Files.isExecutable(wlpDir.resolve("bin").resolve("server"))
                && Files.isDirectory(wlpDir.resolve("usr").resolve("servers").resolve(serverName))) {
            return null;
        }
        return serverName + " server not built (" + wlpDir + "): run ./mvnw install -DskipTests first";
    }

    @Override
    protected void prepare() throws IOException {
        String missing = missingBuildMessage();
        if (missing != null) {
            throw new IOException(missing);
        }
        if (outputDir != null) {
            Files.createDirectories(outputDir);
        }
    }

    @Override
    protected List<String> command() {
        return List.of(wlpDir.resolve("bin").resolve("server").toString(), "run", serverName);
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(serviceEnv);
        // server.xml's http.port / https.port variables resolve from these
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("HTTPS_PORT", Integer.toString(httpsPort));
        if (outputDir != null) {
            env.put("WLP_OUTPUT_DIR", outputDir.toString());
        }
        return env;
    }

    @Override
    protected Path workingDirectory() {
        return wlpDir;
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
    public void kill() {
        killProcess();
    }
}
