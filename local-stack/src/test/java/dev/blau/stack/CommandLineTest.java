package dev.blau.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void noArgumentsMeansRunEverything() {
        CommandLine cli = CommandLine.parse(List.of());
        assertEquals("run", cli.command());
        assertFalse(cli.noLiberty());
        assertFalse(cli.secondChat());
        assertNull(cli.dataDir());
    }

    @Test
    void runOptionsAreParsed() {
        CommandLine cli = CommandLine.parse(List.of("run", "--second-chat", "--data-dir", "/tmp/x", "--postgres-port=25432"));
        assertTrue(cli.secondChat());
        assertEquals(Path.of("/tmp/x"), cli.dataDir());
        assertEquals(25432, cli.ports().get("postgres"));
    }

    @Test
    void dottedPortKeysUseDashesOnTheCommandLine() {
        CommandLine cli = CommandLine.parse(List.of("run", "--kafka-controller-port", "29093", "--ear-http-port", "9180"));
        assertEquals(29093, cli.ports().get("kafka.controller"));
        assertEquals(9180, cli.ports().get("ear.http"));
    }

    @Test
    void startNeedsDetachAndDetachNeedsStart() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(List.of("start")));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(List.of("run", "--detach")));
        assertTrue(CommandLine.parse(List.of("start", "--detach")).detach());
    }

    @Test
    void daemonGetsTheSameOptionsAsRunWithTheResolvedWatchedPid() {
        CommandLine cli = CommandLine.parse(List.of("start", "--detach", "--no-liberty", "--data-dir", "/tmp/d",
                "--watch-pid", "parent", "--redis-port", "26379"));
        assertEquals("parent", cli.watchPid());
        assertEquals(List.of("run", "--no-liberty", "--data-dir", "/tmp/d", "--redis-port", "26379", "--watch-pid", "42"),
                cli.daemonArguments(42));
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        assertEquals("Unknown option --frobnicate",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(List.of("--frobnicate"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(List.of("--postgres-port", "99999")));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(List.of("--nosuch-port", "1")));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(List.of("--data-dir")));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(List.of("--watch-pid", "me")));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(List.of("--no-liberty", "stop")));
    }
}
