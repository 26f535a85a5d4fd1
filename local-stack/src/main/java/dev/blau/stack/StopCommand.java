package dev.blau.stack;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code stop}: stops the stack running in the background, through its control endpoint or its pid file. */
@Command(name = "stop")
final class StopCommand extends StackCommand {

    @Override
    int execute(StackConfig config) {
        stop(config);
        return 0;
    }

    static void stop(StackConfig config) {
        ControlClient control = new ControlClient(config);
        Optional<ProcessHandle> daemon = readPidFile(config).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        boolean asked = control.shutdown();
        if (daemon.isEmpty() && !asked) {
            System.out.println("nothing running");
            return;
        }
        System.out.println("stopping the BLAU stack" + daemon.map(p -> " (pid " + p.pid() + ")").orElse("") + " …");
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
            Poll.until(() -> control.status().isEmpty(), Duration.ofMinutes(2));
        }
        System.out.println("stopped");
    }

    private static Optional<Long> readPidFile(StackConfig config) {
        try {
            return Optional.of(Long.parseLong(Files.readString(config.pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
