package dev.blau.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed arguments of {@link LocalStack}. */
public record CommandLine(String command, boolean secondChat, boolean noLiberty, boolean detach,
                          Path dataDir, String watchPid, Path realmFile, Map<String, Integer> ports,
                          List<String> rawOptions) {

    public static final List<String> COMMANDS = List.of("run", "start", "stop", "status", "help");

    public static final String USAGE = """
            Usage: java -jar local-stack.jar [command] [options]
              run      start everything in the foreground, Ctrl-C stops it (default)
              start    --detach: start in the background, return once ready
              stop     stop the stack started in the background
              status   show the services and their state
            Options:
              --second-chat        also start a second chat-app server (ports 9083/9446)
              --no-liberty         only the backing services (the build starts the Liberty servers)
              --data-dir DIR       data directory (default <repo>/.blau/data)
              --watch-pid PID      stop the stack when process PID exits ("parent": the caller's parent)
              --realm-file FILE    Keycloak realm to import (default <repo>/keycloak/blau-realm.json)
              --<service>-port N   override a port, e.g. --postgres-port 25432, --ear-http-port 9180
            """;

    public static CommandLine parse(List<String> args) {
        String command = "run";
        boolean secondChat = false;
        boolean noLiberty = false;
        boolean detach = false;
        Path dataDir = null;
        String watchPid = null;
        Path realmFile = null;
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<String> options = new ArrayList<>();

        List<String> queue = new ArrayList<>();
        for (String arg : args) {
            // accept --opt=value as well as --opt value
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                queue.add(arg.substring(0, eq));
                queue.add(arg.substring(eq + 1));
            } else {
                queue.add(arg);
            }
        }
        for (int i = 0; i < queue.size(); i++) {
            String arg = queue.get(i);
            if (i == 0 && COMMANDS.contains(arg)) {
                command = arg;
                continue;
            }
            switch (arg) {
                case "-h", "--help" -> command = "help";
                case "--second-chat" -> {
                    secondChat = true;
                    options.add(arg);
                }
                case "--no-liberty" -> {
                    noLiberty = true;
                    options.add(arg);
                }
                case "--detach" -> detach = true;
                case "--data-dir" -> {
                    dataDir = Path.of(value(queue, ++i, arg)).toAbsolutePath().normalize();
                    options.add(arg);
                    options.add(dataDir.toString());
                }
                case "--watch-pid" -> {
                    watchPid = value(queue, ++i, arg);
                    if (!watchPid.equals("parent") && !watchPid.matches("\\d+")) {
                        throw new IllegalArgumentException("--watch-pid takes a process id or 'parent', not " + watchPid);
                    }
                }
                case "--realm-file" -> {
                    realmFile = Path.of(value(queue, ++i, arg)).toAbsolutePath().normalize();
                    options.add(arg);
                    options.add(realmFile.toString());
                }
                default -> {
                    if (arg.startsWith("--") && arg.endsWith("-port")) {
                        String key = Ports.keyOfOption(arg.substring(2, arg.length() - "-port".length()));
                        if (key == null) {
                            throw new IllegalArgumentException("Unknown option " + arg);
                        }
                        String value = value(queue, ++i, arg);
                        ports.put(key, parsePort(arg, value));
                        options.add(arg);
                        options.add(value);
                    } else {
                        throw new IllegalArgumentException(COMMANDS.contains(arg)
                                ? "The command (" + arg + ") must come first"
                                : "Unknown option " + arg);
                    }
                }
            }
        }
        if (detach && !command.equals("start")) {
            throw new IllegalArgumentException("--detach goes with 'start'");
        }
        if (command.equals("start") && !detach) {
            throw new IllegalArgumentException("'start' needs --detach (use 'run' to stay in the foreground)");
        }
        return new CommandLine(command, secondChat, noLiberty, detach, dataDir, watchPid, realmFile,
                Map.copyOf(ports), List.copyOf(options));
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int parsePort(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a port number (1-65535), not " + value);
        }
    }

    /** The arguments for a background 'run' doing what this 'start --detach' asks. */
    public List<String> daemonArguments(long watchedPid) {
        List<String> args = new ArrayList<>();
        args.add("run");
        args.addAll(rawOptions);
        if (watchedPid > 0) {
            args.add("--watch-pid");
            args.add(Long.toString(watchedPid));
        }
        return args;
    }
}
