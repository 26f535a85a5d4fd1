package dev.blau.stack;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * {@code run} (the default command): starts every service in the foreground, serves the control endpoint,
 * and stops everything on Ctrl-C, SIGTERM, POST /shutdown or when the watched process exits.
 */
@Command(name = "run")
final class RunCommand extends StackCommand {

    static final String SECOND_CHAT = "chat-app-2";

    private volatile ControlServer control;

    @Override
    int execute(StackConfig config) {
        boolean firstStart = !StackConfig.isDirectoryWithContent(config.dataDir());
        try {
            Files.createDirectories(config.dataDir());
            Files.createDirectories(config.logsDir());
        } catch (IOException e) {
            System.err.println("Cannot create " + config.dataDir() + ": " + e.getMessage());
            return 1;
        }
        List<ManagedService> services = services(config);
        if (!everythingBuilt(services) || !portsFree(services, config)) {
            return 1;
        }
        if (!config.startsMongo()) {
            System.out.println("MONGODB_URI is set: the Liberty servers use " + config.externalMongoUri()
                    + ", no embedded MongoDB is started");
        }
        OptionalLong watched = resolveWatchPid(options.watchPid());
        // initialise SLF4J once, here: services starting in parallel would otherwise race its initialisation
        org.slf4j.LoggerFactory.getILoggerFactory();

        Stack stack = new Stack(services, Map.of(SECOND_CHAT, () -> secondChat(config)), System.out);
        Map<String, String> env = config.serviceEnvironment();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(stack, config), "stack-shutdown"));
        try {
            control = ControlServer.start(config.ports().get("stack.control"), stack,
                    () -> stack.statusDocument(env), RunCommand::exitLater);
            Files.writeString(config.pidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            System.err.println("Cannot start the control endpoint: " + e.getMessage());
            return 1;
        }
        if (watched.isPresent() && !exitWith(watched.getAsLong())) {
            return 1;
        }

        System.out.println("BLAU local stack: data in " + config.dataDir() + ", logs in " + config.logsDir()
                + (firstStart ? " (first start)" : ""));
        long t0 = System.nanoTime();
        if (!startAll(stack, services)) {
            return 1;
        }
        reportReady(config, stack, services, firstStart, t0);
        System.out.println("Ctrl-C to stop.");
        try {
            new CountDownLatch(1).await(); // until the shutdown hook runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Once started: each Liberty server's readiness, the summary, last-start.json, and where to go. */
    private void reportReady(StackConfig config, Stack stack, List<ManagedService> services, boolean firstStart,
                             long t0) {
        for (ManagedService s : services) {
            if (s instanceof LibertyServer liberty) {
                int ready = awaitReadiness(liberty, Duration.ofSeconds(90));
                System.out.println(liberty.displayName() + " /health/ready: " + (ready == 200 ? "UP" : "DOWN (HTTP " + ready + ")"));
            }
        }
        long totalMillis = (System.nanoTime() - t0) / 1_000_000; // readiness included
        Map<String, Object> doc = stack.statusDocument(config.serviceEnvironment());
        System.out.println();
        System.out.print(SummaryTable.format(doc));
        System.out.printf("All started in %.1f s%s%n", totalMillis / 1000.0, config.quickStart()
                ? " (--quick-start: C1 code, about a third slower under load; start without it to measure)" : "");
        writeLastStart(config, doc, firstStart, totalMillis);
        System.out.println();
        if (options.noLiberty()) {
            System.out.println("Backing services ready (no Liberty servers). Control endpoint: " + config.controlUrl() + "/services");
        } else {
            System.out.println("BLAU is ready: open http://localhost:" + config.ports().get("ear.http") + "/");
        }
    }

    List<ManagedService> services(StackConfig config) {
        List<ManagedService> services = new ArrayList<>();
        services.add(new PostgresService(config));
        services.add(new RedisService(config));
        if (config.startsMongo()) {
            services.add(new MongoService(config));
        }
        services.add(new KafkaService(config));
        services.add(new KeycloakService(config));
        if (!options.noLiberty()) {
            services.add(new LibertyServer("ear", config.repoDir().resolve("ear/target/liberty/wlp"), "ear",
                    config.ports().get("ear.http"), config.ports().get("ear.https"), null,
                    config.libertyEnvironment(System.getenv("JVM_ARGS")), config.logsDir()));
        }
        if (options.secondChat()) {
            services.add(secondChat(config));
        }
        return services;
    }

    /** A second chat-app server beside the first, for the cross-server tests: its own ports and output dir. */
    static LibertyServer secondChat(StackConfig config) {
        return new LibertyServer(SECOND_CHAT, config.repoDir().resolve("chat-app/target/liberty/wlp"), "chat-app",
                config.ports().get("chat2.http"), config.ports().get("chat2.https"),
                config.dataDir().resolve("liberty").resolve(SECOND_CHAT), config.libertyEnvironment(System.getenv("JVM_ARGS")), config.logsDir());
    }

    /** Starts every service; false, with the failing one's log, when one fails. */
    private static boolean startAll(Stack stack, List<ManagedService> services) {
        try {
            // Nothing waits for anything else to start: the applications boot without their backing
            // services (readiness reports them), so everything starts at once and readiness is awaited after.
            stack.startGroups(List.of(services.stream().map(ManagedService::name).toList()));
            return true;
        } catch (Stack.StartFailure f) {
            System.err.println();
            System.err.println(f.service().displayName() + " failed: " + f.getMessage());
            System.err.println("---- last lines of " + f.service().logFile());
            ChildProcess.tail(f.service().logFile(), 20).forEach(System.err::println);
            return false;
        }
    }

    private static boolean everythingBuilt(List<ManagedService> services) {
        for (ManagedService s : services) {
            if (s instanceof LibertyServer liberty && liberty.missingBuildMessage() != null) {
                System.err.println(liberty.missingBuildMessage());
                return false;
            }
        }
        return true;
    }

    /** Every port is checked before anything starts: a half-started stack is worse than none. */
    private static boolean portsFree(List<ManagedService> services, StackConfig config) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(config.ports().get("stack.control"), "stack control endpoint");
        services.forEach(s -> s.ports().forEach(p -> ports.put(p, s.displayName())));
        List<String> busy = PortCheck.busy(ports);
        busy.forEach(System.err::println);
        return busy.isEmpty();
    }

    private void shutDown(Stack stack, StackConfig config) {
        System.out.println("stopping …");
        ControlServer server = control;
        if (server != null) {
            server.stop();
        }
        stack.stopAll();
        try {
            Files.deleteIfExists(config.pidFile());
        } catch (IOException ignored) {
            // a stale pid file is detected by 'stop' anyway
        }
        System.out.println("stopped");
    }

    /** Exits (stopping the stack) when the process exits; false when it is not running. */
    private static boolean exitWith(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            System.err.println("Watched process " + pid + " is not running");
            return false;
        }
        System.out.println("Stops when process " + pid + " exits");
        handle.get().onExit().thenRun(() -> {
            System.out.println("Watched process " + pid + " exited");
            System.exit(0);
        });
        return true;
    }

    /** Waits until /health/ready is UP (200) or the limit passes; returns the last status. */
    private static int awaitReadiness(LibertyServer liberty, Duration limit) {
        Poll.until(() -> liberty.readinessStatus() == 200, limit);
        return liberty.readinessStatus();
    }

    /** Exits from another thread so the HTTP response that asked for it is sent first. */
    private static void exitLater() {
        Thread t = new Thread(() -> System.exit(0), "stack-exit");
        t.start();
    }

    static OptionalLong resolveWatchPid(String watchPid) {
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
        record.put("quickStart", config.quickStart());
        record.put("launcher", doc.get("launcher"));
        record.put("services", doc.get("services"));
        try {
            Files.writeString(config.lastStartFile(), Json.write(record) + "\n");
        } catch (IOException e) {
            System.out.println("(could not write " + config.lastStartFile() + ": " + e.getMessage() + ")");
        }
    }
}
