package dev.blau.stack;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's command line as ./blau, the build and the benchmarks use it. */
class CommandLineTest {

    @Test
    void noArgumentsMeansRunEverything() {
        StackCommand run = parse();
        assertInstanceOf(RunCommand.class, run);
        assertFalse(run.options.noLiberty());
        assertFalse(run.options.secondChat());
        assertNull(run.options.dataDir());
        assertEquals(Map.of(), run.options.ports());
    }

    @Test
    void optionsAloneMeanRun() {
        StackCommand run = parse("--second-chat");
        assertInstanceOf(RunCommand.class, run);
        assertTrue(run.options.secondChat());
    }

    @Test
    void runOptionsAreParsed() {
        StackCommand run = parse("run", "--second-chat", "--data-dir", "/tmp/x", "--postgres-port=25432");
        assertTrue(run.options.secondChat());
        assertEquals(Path.of("/tmp/x"), run.options.dataDir());
        assertEquals(Map.of("postgres", 25432), run.options.ports());
    }

    @Test
    void dottedPortKeysUseDashesOnTheCommandLine() {
        StackCommand run = parse("run", "--kafka-controller-port", "29093", "--ear-http-port", "9180");
        assertEquals(29093, run.options.ports().get("kafka.controller"));
        assertEquals(9180, run.options.ports().get("ear.http"));
    }

    @Test
    void everyCommandTakesTheStackOptions() {
        StackCommand stop = parse("stop", "--data-dir", "/tmp/d", "--no-liberty");
        assertInstanceOf(StopCommand.class, stop);
        assertEquals(Path.of("/tmp/d"), stop.options.dataDir());
        assertInstanceOf(StatusCommand.class, parse("status", "--stack-control-port", "29990"));
    }

    @Test
    void startNeedsDetachAndDetachNeedsStart() {
        Outcome start = execute("start");
        assertEquals(2, start.exitCode());
        assertEquals("'start' needs --detach (use 'run' to stay in the foreground)", start.firstErrorLine());
        assertEquals("--detach goes with 'start'", execute("run", "--detach").firstErrorLine());
        assertInstanceOf(StartCommand.class, parse("start", "--detach"));
    }

    @Test
    void daemonGetsTheSameOptionsAsRunWithTheResolvedWatchedPid() {
        StartCommand start = (StartCommand) parse("start", "--detach", "--no-liberty", "--data-dir", "/tmp/d",
                "--watch-pid", "parent", "--redis-port", "26379");
        assertEquals("parent", start.options.watchPid());
        assertEquals(List.of("run", "--no-liberty", "--data-dir", "/tmp/d", "--redis-port", "26379", "--watch-pid", "42"),
                start.daemonArguments(42));
    }

    @Test
    void aQuickStartReachesTheDaemon() {
        StartCommand start = (StartCommand) parse("start", "--detach", "--quick-start");
        assertTrue(start.options.quickStart());
        assertEquals(List.of("run", "--quick-start", "--watch-pid", "7"), start.daemonArguments(7));
        assertFalse(parse("run").options.quickStart());
    }

    @Test
    void helpPrintsTheUsageOnStdout() {
        for (String help : List.of("help", "-h", "--help")) {
            Outcome outcome = execute(help);
            assertEquals(0, outcome.exitCode(), help);
            assertEquals(LocalStack.USAGE, outcome.out(), help);
            assertEquals("", outcome.err(), help);
        }
        assertEquals(LocalStack.USAGE, execute("status", "-h").out());
    }

    @Test
    void badInputIsRejectedWithAMessageAndTheUsage() {
        Outcome unknown = execute("--frobnicate");
        assertEquals(2, unknown.exitCode());
        assertEquals("Unknown option --frobnicate\n" + LocalStack.USAGE, unknown.err());
        assertEquals("", unknown.out());

        assertEquals("Unknown option frobnicate", execute("frobnicate").firstErrorLine());
        assertEquals("--postgres-port takes a port number (1-65535), not 99999",
                execute("--postgres-port", "99999").firstErrorLine());
        assertEquals("--redis-port takes a port number (1-65535), not abc", execute("--redis-port", "abc").firstErrorLine());
        assertEquals("Unknown option --nosuch-port", execute("--nosuch-port", "1").firstErrorLine());
        assertEquals("--data-dir needs a value", execute("--data-dir").firstErrorLine());
        assertEquals("--data-dir needs a value", execute("--data-dir", "--no-liberty").firstErrorLine());
        assertEquals("--watch-pid takes a process id or 'parent', not me", execute("--watch-pid", "me").firstErrorLine());
        assertEquals("The command (stop) must come first", execute("--no-liberty", "stop").firstErrorLine());
        for (String[] args : List.of(new String[] {"--postgres-port", "99999"}, new String[] {"--nosuch-port", "1"},
                new String[] {"--data-dir"}, new String[] {"--watch-pid", "me"}, new String[] {"--no-liberty", "stop"},
                new String[] {"@args-file"})) {
            assertEquals(2, execute(args).exitCode(), String.join(" ", args));
        }
    }

    private static StackCommand parse(String... args) {
        CommandLine cli = LocalStack.commandLine();
        CommandLine.ParseResult result = cli.parseArgs(LocalStack.withDefaultCommand(cli, args));
        return (StackCommand) result.subcommand().commandSpec().userObject();
    }

    /** Runs the launcher on input it rejects, or asks for help: nothing starts either way. */
    private static Outcome execute(String... args) {
        CommandLine cli = LocalStack.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(LocalStack.withDefaultCommand(cli, args));
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    private record Outcome(int exitCode, String out, String err) {
        String firstErrorLine() {
            return err.lines().findFirst().orElse("");
        }
    }
}
