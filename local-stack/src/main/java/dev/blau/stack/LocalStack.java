package dev.blau.stack;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The BLAU local stack: real backing services and the Liberty servers on one machine, without Docker.
 * {@code java -jar local-stack.jar [command] [options]}; {@code run} when no command comes first.
 */
@Command(name = "local-stack.jar",
        subcommands = {RunCommand.class, StartCommand.class, StopCommand.class, StatusCommand.class, HelpCommand.class})
public final class LocalStack {

    static final int BAD_INPUT = 2;

    // Written out rather than generated: ./blau, the docs and people know it in this shape.
    static final String USAGE = """
            Usage: java -jar local-stack.jar [command] [options]
              run      start everything in the foreground, Ctrl-C stops it (default)
              start    --detach: start in the background, return once ready
              stop     stop the stack started in the background
              status   show the services and their state
            Options:
              --second-chat        also start a second chat-app server (ports 9083/9446)
              --no-liberty         only the backing services (the build starts the Liberty servers)
              --quick-start        the JVMs compile with C1 only: a start in about half the time, code
                                   about a third slower under load (for development, not for measuring)
              --data-dir DIR       data directory (default <repo>/.blau/data)
              --watch-pid PID      stop the stack when process PID exits ("parent": the caller's parent)
              --realm-file FILE    Keycloak realm to import (default <repo>/keycloak/blau-realm.json)
              --<service>-port N   override a port, e.g. --postgres-port 25432, --ear-http-port 9180
            """;

    private static final String USAGE_SECTION = "usage";

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        System.exit(cli.execute(withDefaultCommand(cli, args)));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LocalStack())
                .setExpandAtFiles(false) // an argument starting with @ names no file of arguments
                .setOverwrittenOptionsAllowed(true) // the last --data-dir wins
                .setUnmatchedOptionsAllowedAsOptionParameters(false) // '--data-dir --typo' lacks a value
                .setParameterExceptionHandler(LocalStack::reportBadInput);
        cli.setHelpSectionKeys(List.of(USAGE_SECTION));
        cli.setHelpSectionMap(Map.of(USAGE_SECTION, help -> USAGE));
        return cli;
    }

    /** Options alone run the stack ({@code ./blau --second-chat}): without a command first, 'run' goes in front. */
    static String[] withDefaultCommand(CommandLine cli, String[] args) {
        if (args.length > 0 && cli.getSubcommands().containsKey(args[0])) {
            return args;
        }
        return Stream.concat(Stream.of("run"), Stream.of(args)).toArray(String[]::new);
    }

    /** What is wrong, then the usage, on stderr; exit 2. */
    private static int reportBadInput(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println(problem(e));
        e.getCommandLine().usage(err);
        err.flush();
        return BAD_INPUT;
    }

    /** The problem in the launcher's words, which name the argument as given. */
    static String problem(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (arg.equals("--detach")) {
                return "--detach goes with 'start'";
            }
            boolean command = e.getCommandLine().getCommandSpec().root().subcommands().containsKey(arg);
            return command ? "The command (" + arg + ") must come first" : "Unknown option " + arg;
        }
        if (e instanceof MissingParameterException missing && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value";
        }
        if (e.getCause() instanceof TypeConversionException invalid) {
            return invalid.getMessage();
        }
        return e.getMessage();
    }
}
