package dev.blau.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/** The BLAU local stack: real backing services and the Liberty servers on one machine, without Docker. */
public final class LocalStack {

    private static final PrintStream OUT = System.out;

    static final String SECOND_CHAT = "chat-app-2";

    private LocalStack() {
    }

    public static void main(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        StackConfig config = StackConfig.from(cli, System.getProperties(), System.getenv());
        // before anything touches log4j: libraries in this JVM log into <logs>/, not onto the console
        System.setProperty("blau.logs.dir", config.logsDir().toString());
        int rc = switch (cli.command()) {
            case "run" -> run(cli, config);
            case "start" -> startDetached(cli, config);
            case "stop" -> stop(config);
            case "status" -> status(config);
            default -> {
                OUT.print(CommandLine.USAGE);
                yield 0;
            }
        };
        System.exit(rc);
    }

    // ---- run: foreground ------------------------------------------------------------------------------------

    private static int run(CommandLine cli, StackConfig config) {
        boolean firstStart = !StackConfig.isDirectoryWithContent(config.dataDir());
        try {
            Files.createDirectories(config.dataDir());
            Files.createDirectories(config.logsDir());
        } catch (IOException e) {
            System.err.println("Cannot create " + config.dataDir() + ": " + e.getMessage());
            return 1;
        }
        List<ManagedService> services = services(cli, config);
        for (ManagedService s : services) {
            if (s instanceof LibertyServer liberty && liberty.missingBuildMessage() != null) {
                System.err.println(liberty.missingBuildMessage());
                return 1;
            }
        }
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(config.ports().get("stack.control"), "stack control endpoint");
        services.forEach(s -> s.ports().forEach(p -> ports.put(p, s.displayName())));
        List<String> busy = PortCheck.busy(ports);
        if (!busy.isEmpty()) {
            busy.forEach(System.err::println);
            return 1;
        }
        if (!config.startsMongo()) {
            OUT.println("MONGODB_URI is set: the Liberty servers use " + config.externalMongoUri()
                    + ", no embedded MongoDB is started");
        }
        OptionalLong watched = resolveWatchPid(cli.watchPid());
        // initialise SLF4J once, here: services starting in parallel would otherwise race its initialisation
        org.slf4j.LoggerFactory.getILoggerFactory();

        Stack stack = new Stack(services, Map.of(SECOND_CHAT, () -> secondChat(config)), OUT);
        Map<String, String> env = config.serviceEnvironment();
        ControlServer[] control = new ControlServer[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("stopping …");
            if (control[0] != null) {
                control[0].stop();
            }
            stack.stopAll();
            try {
                Files.deleteIfExists(config.pidFile());
            } catch (IOException ignored) {
                // a stale pid file is detected by 'stop' anyway
            }
            OUT.println("stopped");
        }, "stack-shutdown"));
        try {
            control[0] = ControlServer.start(config.ports().get("stack.control"), stack,
                    () -> stack.statusDocument(env), LocalStack::exitLater);
            Files.writeString(config.pidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            System.err.println("Cannot start the control endpoint: " + e.getMessage());
            return 1;
        }
        if (watched.isPresent()) {
            long pid = watched.getAsLong();
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty()) {
                System.err.println("Watched process " + pid + " is not running");
                return 1;
            }
            OUT.println("Stops when process " + pid + " exits");
            handle.get().onExit().thenRun(() -> {
                OUT.println("Watched process " + pid + " exited");
                System.exit(0);
            });
        }

        OUT.println("BLAU local stack: data in " + config.dataDir() + ", logs in " + config.logsDir()
                + (firstStart ? " (first start)" : ""));
        long t0 = System.nanoTime();
        try {
            // Nothing waits for anything else to start: the applications boot without their backing
            // services (readiness reports them), so everything starts at once and readiness is awaited below.
            stack.startGroups(List.of(services.stream().map(ManagedService::name).toList()));
        } catch (Stack.StartFailure f) {
            System.err.println();
            System.err.println(f.service().displayName() + " failed: " + f.getMessage());
            System.err.println("---- last lines of " + f.service().logFile());
            ChildProcess.tail(f.service().logFile(), 20).forEach(System.err::println);
            return 1;
        }
        for (ManagedService s : services) {
            if (s instanceof LibertyServer liberty) {
                int ready = awaitReadiness(liberty, Duration.ofSeconds(90));
                OUT.println(liberty.displayName() + " /health/ready: " + (ready == 200 ? "UP" : "DOWN (HTTP " + ready + ")"));
            }
        }
        long totalMillis = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Object> doc = stack.statusDocument(env);
        OUT.println();
        OUT.print(SummaryTable.format(doc));
        OUT.printf("All started in %.1f s%n", totalMillis / 1000.0);
        writeLastStart(config, doc, firstStart, totalMillis);
        OUT.println();
        if (cli.noLiberty()) {
            OUT.println("Backing services ready (no Liberty servers). Control endpoint: " + config.controlUrl() + "/services");
        } else {
            OUT.println("BLAU is ready: open http://localhost:" + config.ports().get("ear.http") + "/");
        }
        OUT.println("Ctrl-C to stop.");
        try {
            new CountDownLatch(1).await(); // until the shutdown hook runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Waits until /health/ready is UP (200) or the limit passes; returns the last status. */
    private static int awaitReadiness(LibertyServer liberty, Duration limit) {
        Poll.until(() -> liberty.readinessStatus() == 200, limit);
        return liberty.readinessStatus();
    }

    static List<ManagedService> services(CommandLine cli, StackConfig config) {
        List<ManagedService> services = new ArrayList<>();
        services.add(new PostgresService(config));
        services.add(new RedisService(config));
        if (config.startsMongo()) {
            services.add(new MongoService(config));
        }
        services.add(new KafkaService(config));
        services.add(new KeycloakService(config));
        if (!cli.noLiberty()) {
            services.add(new LibertyServer("ear", config.repoDir().resolve("ear/target/liberty/wlp"), "ear",
                    config.ports().get("ear.http"), config.ports().get("ear.https"), null,
                    config.serviceEnvironment(), config.logsDir()));
        }
        if (cli.secondChat()) {
            services.add(secondChat(config));
        }
        return services;
    }

    /** A second chat-app server beside the first, for the cross-server tests: its own ports and output dir. */
    static LibertyServer secondChat(StackConfig config) {
        return new LibertyServer(SECOND_CHAT, config.repoDir().resolve("chat-app/target/liberty/wlp"), "chat-app",
                config.ports().get("chat2.http"), config.ports().get("chat2.https"),
                config.dataDir().resolve("liberty").resolve(SECOND_CHAT), config.serviceEnvironment(), config.logsDir());
    }

    /** Exits from another thread so the HTTP response that asked for it is sent first. */
    private static void exitLater() {
        Thread t = new Thread(() -> System.exit(0), "stack-exit");
        t.start();
    }

    private static OptionalLong resolveWatchPid(String watchPid) {
        if (watchPid == null) {
            return OptionalLong.empty();
        }
        if (watchPid.equals("parent")) {
            return ProcessHandle.current().parent().map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
        }
        return OptionalLong.of(Long.parseLong(watchPid));
    }

    private static void writeLastStart(StackConfig config, Map<String, Object> doc, boolean firstStart, long totalMillis) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("startedAt", Instant.now().toString());
        record.put("firstStart", firstStart);
        record.put("totalMillis", totalMillis);
        record.put("dataDir", config.dataDir().toString());
        record.put("launcher", doc.get("launcher"));
        record.put("services", doc.get("services"));
        try {
            Files.writeString(config.lastStartFile(), Json.write(record) + "\n");
        } catch (IOException e) {
            OUT.println("(could not write " + config.lastStartFile() + ": " + e.getMessage() + ")");
        }
    }

    // ---- start --detach -------------------------------------------------------------------------------------

    private static int startDetached(CommandLine cli, StackConfig config) {
        Optional<Map<String, Object>> current = fetchStatus(config);
        if (current.isPresent() && Boolean.TRUE.equals(current.get().get("ready"))) {
            OUT.println("BLAU stack already running and ready (" + config.controlUrl() + "/services)");
            return cli.secondChat() ? startOnDemand(config, SECOND_CHAT) : 0;
        }
        Process daemon = null;
        Path log = config.logsDir().resolve("stack.log");
        if (current.isPresent()) {
            OUT.println("BLAU stack already starting; waiting for it");
        } else {
            try {
                daemon = spawnDaemon(cli, config, log);
            } catch (IOException e) {
                System.err.println("Cannot start the stack in the background: " + e.getMessage());
                return 1;
            }
            OUT.println("BLAU stack starting in the background (pid " + daemon.pid() + ", log " + log + ")");
        }
        Map<String, String> seen = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Map<String, Object>> status = fetchStatus(config);
            if (status.isPresent()) {
                printChanges(status.get(), seen);
                if (Boolean.TRUE.equals(status.get().get("ready"))) {
                    OUT.print(SummaryTable.format(status.get()));
                    OUT.println("Ready. Stop it with: java -jar local-stack.jar stop (or ./blau stop)");
                    return 0;
                }
            }
            if (daemon != null && !daemon.isAlive()) {
                System.err.println("The BLAU stack failed to start (exit " + daemon.exitValue() + "). Last lines of " + log + ":");
                ChildProcess.tail(log, 20).forEach(System.err::println);
                return 1;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        System.err.println("The BLAU stack is not ready after 15 minutes; stopping it. See " + log);
        stop(config);
        return 1;
    }

    private static Process spawnDaemon(CommandLine cli, StackConfig config, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        long watched = 0;
        if (cli.watchPid() != null) {
            // "parent" means whoever called us (e.g. the Maven JVM running exec:exec), not the daemon's parent
            watched = resolveWatchPid(cli.watchPid()).orElseThrow(() -> new IOException("no parent process to watch"));
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // own session: a Ctrl-C in the calling terminal doesn't reach it
        }
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the heap and GC options this launcher was given (./blau sets them): the daemon hosts Kafka and the store
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X") && !option.startsWith("-Xlog"))
                .forEach(command::add);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("blau.") && !k.equals("blau.logs.dir"))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.add("-Dblau.repo.dir=" + config.repoDir());
        command.add("-Dblau.stack.dir=" + config.stackDir());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LocalStack.class.getName());
        command.addAll(cli.daemonArguments(watched));
        Files.writeString(log, "---- " + Instant.now() + " " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    private static void printChanges(Map<String, Object> status, Map<String, String> seen) {
        if (!(status.get("services") instanceof List<?> services)) {
            return;
        }
        for (Object o : services) {
            Map<?, ?> s = (Map<?, ?>) o;
            String name = String.valueOf(s.get("displayName"));
            String state = String.valueOf(s.get("state"));
            if (!state.equals(seen.put(name, state)) && !state.equals("stopped")) {
                OUT.println("  " + name + " " + state
                        + (state.equals("running") ? " (" + SummaryTable.seconds(s.get("startMillis")) + ")" : ""));
            }
        }
    }

    @SuppressWarnings("unchecked")
    /** Asks the running stack to start one more service, and waits until it is ready. */
    private static int startOnDemand(StackConfig config, String name) {
        OUT.println("Starting " + name + " in the running stack");
        try {
            HttpResponse<String> answer = Http.post(config.controlUrl() + "/services/" + name + "/start",
                    Duration.ofMinutes(5));
            OUT.println(name + ": " + answer.body());
            return answer.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("Cannot start " + name + ": " + e.getMessage());
            return 1;
        }
    }

    private static Optional<Map<String, Object>> fetchStatus(StackConfig config) {
        try {
            HttpResponse<String> response = Http.get(config.controlUrl() + "/services", Duration.ofSeconds(5));
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of((Map<String, Object>) Json.parse(response.body()));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    // ---- stop, status ---------------------------------------------------------------------------------------

    private static int stop(StackConfig config) {
        Optional<ProcessHandle> daemon = readPidFile(config).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        boolean asked;
        try {
            asked = Http.post(config.controlUrl() + "/shutdown", Duration.ofSeconds(5)).statusCode() == 202;
        } catch (IOException e) {
            asked = false;
        }
        if (daemon.isEmpty() && !asked) {
            OUT.println("nothing running");
            return 0;
        }
        OUT.println("stopping the BLAU stack" + daemon.map(p -> " (pid " + p.pid() + ")").orElse("") + " …");
        if (daemon.isPresent()) {
            ProcessHandle p = daemon.get();
            if (!asked) {
                p.destroy(); // control endpoint not up (yet): SIGTERM runs the same shutdown hook
            }
            if (!ChildProcess.awaitExit(List.of(p), Duration.ofMinutes(2))) {
                p.destroyForcibly();
                ChildProcess.awaitExit(List.of(p), Duration.ofSeconds(10));
            }
        } else {
            Poll.until(() -> fetchStatus(config).isEmpty(), Duration.ofMinutes(2));
        }
        OUT.println("stopped");
        return 0;
    }

    private static Optional<Long> readPidFile(StackConfig config) {
        try {
            return Optional.of(Long.parseLong(Files.readString(config.pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int status(StackConfig config) {
        Optional<Map<String, Object>> status = fetchStatus(config);
        if (status.isEmpty()) {
            OUT.println("nothing running (no answer from " + config.controlUrl() + ")");
            return 3;
        }
        OUT.println(Boolean.TRUE.equals(status.get().get("ready")) ? "BLAU stack: ready" : "BLAU stack: not ready");
        OUT.print(SummaryTable.format(status.get()));
        SummaryTable.printEnvironment(status.get(), OUT);
        return 0;
    }
}
