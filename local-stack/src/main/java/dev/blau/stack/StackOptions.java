package dev.blau.stack;

import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options every command takes. Scripts pass the same ones to run, stop and status
 * ({@code ./blau stop --data-dir DIR}), so a command ignores those it has no use for.
 * One {@code --<key>-port N} per key of {@link Ports#KEYS} is added by {@link PortOptions}.
 */
@Command(modelTransformer = StackOptions.PortOptions.class)
public final class StackOptions {

    @Option(names = "--second-chat")
    private boolean secondChat;

    @Option(names = "--no-liberty")
    private boolean noLiberty;

    @Option(names = "--quick-start")
    private boolean quickStart;

    private Path dataDir;
    private Path realmFile;
    private String watchPid;

    // anywhere on the line: picocli prints the usage and runs nothing
    @Option(names = {"-h", "--help"}, usageHelp = true)
    private boolean helpRequested;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--data-dir", paramLabel = "DIR")
    void dataDir(Path dir) {
        dataDir = dir.toAbsolutePath().normalize();
    }

    @Option(names = "--realm-file", paramLabel = "FILE")
    void realmFile(Path file) {
        realmFile = file.toAbsolutePath().normalize();
    }

    @Option(names = "--watch-pid", paramLabel = "PID")
    void watchPid(String pid) {
        if (!pid.equals("parent") && !pid.matches("\\d+")) {
            throw new ParameterException(command.commandLine(), "--watch-pid takes a process id or 'parent', not " + pid);
        }
        watchPid = pid;
    }

    public boolean secondChat() {
        return secondChat;
    }

    public boolean noLiberty() {
        return noLiberty;
    }

    public boolean quickStart() {
        return quickStart;
    }

    /** Null for the default, {@code <stack dir>/data}. */
    public Path dataDir() {
        return dataDir;
    }

    /** Null for the default, {@code <repo>/keycloak/blau-realm.json}. */
    public Path realmFile() {
        return realmFile;
    }

    /** A process id, "parent" (the caller's parent), or null. */
    public String watchPid() {
        return watchPid;
    }

    /** The ports given on the command line, by key of {@link Ports#KEYS}. */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String key : Ports.KEYS) {
            Integer port = command.findOption(Ports.option(key)).getValue();
            if (port != null) {
                ports.put(key, port);
            }
        }
        return ports;
    }

    /** These options as arguments again, for a background 'run' (--watch-pid is the caller's to add, resolved). */
    public List<String> asArguments() {
        List<String> args = new ArrayList<>();
        if (secondChat) {
            args.add("--second-chat");
        }
        if (noLiberty) {
            args.add("--no-liberty");
        }
        if (quickStart) {
            args.add("--quick-start");
        }
        if (dataDir != null) {
            args.add("--data-dir");
            args.add(dataDir.toString());
        }
        if (realmFile != null) {
            args.add("--realm-file");
            args.add(realmFile.toString());
        }
        ports().forEach((key, port) -> {
            args.add(Ports.option(key));
            args.add(Integer.toString(port));
        });
        return args;
    }

    /** Adds {@code --<key>-port N} for every port: the names come from {@link Ports#KEYS}, which annotations cannot do. */
    public static final class PortOptions implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            for (String key : Ports.KEYS) {
                String name = Ports.option(key);
                command.addOption(OptionSpec.builder(name)
                        .paramLabel("N")
                        .type(Integer.class)
                        .converters(value -> parsePort(name, value))
                        .build());
            }
            return command;
        }

        private static int parsePort(String option, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below, as a number out of range is
            }
            throw new TypeConversionException(option + " takes a port number (1-65535), not " + value);
        }
    }
}
