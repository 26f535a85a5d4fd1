package dev.blau.stack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code start --detach}: starts the stack as a background {@code run} and returns once it is ready.
 * Idempotent: a stack already running is waited for (and asked for the second chat server if it lacks it).
 */
@Command(name = "start")
final class StartCommand extends StackCommand {

    private static final Duration READY_LIMIT = Duration.ofMinutes(15);

    // required (checked below): the command line itself says that the stack goes to the background
    @Option(names = "--detach")
    private boolean detach;

    @Spec
    private CommandSpec spec;

    @Override
    void checkArguments() {
        if (!detach) {
            throw new ParameterException(spec.commandLine(), "'start' needs --detach (use 'run' to stay in the foreground)");
        }
    }

    @Override
    int execute(StackConfig config) {
        ControlClient control = new ControlClient(config);
        Optional<Map<String, Object>> current = control.status();
        if (current.isPresent() && Boolean.TRUE.equals(current.get().get("ready"))) {
            System.out.println("BLAU stack already running and ready (" + control.url() + "/services)");
            return options.secondChat() ? startOnDemand(control, RunCommand.SECOND_CHAT) : 0;
        }
        Process daemon = null;
        Path log = config.logsDir().resolve("stack.log");
        if (current.isPresent()) {
            System.out.println("BLAU stack already starting; waiting for it");
        } else {
            try {
                daemon = spawnDaemon(config, log);
            } catch (IOException e) {
                System.err.println("Cannot start the stack in the background: " + e.getMessage());
                return 1;
            }
            System.out.println("BLAU stack starting in the background (pid " + daemon.pid() + ", log " + log + ")");
        }
        return awaitReady(control, daemon, log, config);
    }

    /** Follows the daemon's progress until it is ready, dies, or the limit passes (then stops it). */
    private static int awaitReady(ControlClient control, Process daemon, Path log, StackConfig config) {
        Map<String, String> seen = new HashMap<>();
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Map<String, Object>> status = control.status();
            if (status.isPresent()) {
                printChanges(status.get(), seen);
                if (Boolean.TRUE.equals(status.get().get("ready"))) {
                    System.out.print(SummaryTable.format(status.get()));
                    System.out.println("Ready. Stop it with: java -jar local-stack.jar stop (or ./blau stop)");
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
        StopCommand.stop(config);
        return 1;
    }

    private Process spawnDaemon(StackConfig config, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        long watched = 0;
        if (options.watchPid() != null) {
            // "parent" means whoever called us (e.g. the Maven JVM running exec:exec), not the daemon's parent
            watched = RunCommand.resolveWatchPid(options.watchPid()).orElseThrow(() -> new IOException("no parent process to watch"));
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
        command.addAll(daemonArguments(watched));
        Files.writeString(log, "---- " + Instant.now() + " " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    /** The arguments of the background 'run': this command's options, and the process to watch resolved to a pid. */
    List<String> daemonArguments(long watchedPid) {
        List<String> args = new ArrayList<>();
        args.add("run");
        args.addAll(options.asArguments());
        if (watchedPid > 0) {
            args.add("--watch-pid");
            args.add(Long.toString(watchedPid));
        }
        return args;
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
                System.out.println("  " + name + " " + state
                        + (state.equals("running") ? " (" + SummaryTable.seconds(s.get("startMillis")) + ")" : ""));
            }
        }
    }

    /** Asks the running stack to start one more service, and waits until it is ready. */
    private static int startOnDemand(ControlClient control, String name) {
        System.out.println("Starting " + name + " in the running stack");
        try {
            HttpResponse<String> answer = control.start(name);
            System.out.println(name + ": " + answer.body());
            return answer.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("Cannot start " + name + ": " + e.getMessage());
            return 1;
        }
    }
}
