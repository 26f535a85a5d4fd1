package dev.blau.stack;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What {@code --quick-start} hands the JVMs the stack starts, and that a default start hands them nothing. */
class QuickStartTest {

    @Test
    void aDefaultStartLeavesTheJitAlone() {
        StackConfig config = config();
        assertEquals(List.of(), config.jvmOptions());
        assertFalse(config.libertyEnvironment("-Xmx2g").containsKey("JVM_ARGS"),
                "JVM_ARGS given to the launcher reach Liberty unchanged, through the inherited environment");
        assertEquals("-Dkc.db-url-path=" + config.dataDir().resolve("keycloak") + " -Dkc.spi-scheduled-interval=60",
                new KeycloakService(config).environment().get("JAVA_OPTS_APPEND"));
    }

    @Test
    void aQuickStartCompilesWithC1OnlyInEveryJvm() {
        StackConfig config = config("--quick-start");
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), config.jvmOptions());
        assertEquals("-XX:TieredStopAtLevel=1", config.libertyEnvironment(null).get("JVM_ARGS"));
        assertEquals("-Xmx2g -XX:TieredStopAtLevel=1", config.libertyEnvironment(" -Xmx2g ").get("JVM_ARGS"),
                "JVM_ARGS given to the launcher are kept");
        assertEquals(config.serviceEnvironment().get("POSTGRES_URL"), config.libertyEnvironment(null).get("POSTGRES_URL"));
        assertEquals("-Dkc.db-url-path=" + config.dataDir().resolve("keycloak") + " -Dkc.spi-scheduled-interval=60"
                        + " -XX:TieredStopAtLevel=1",
                new KeycloakService(config).environment().get("JAVA_OPTS_APPEND"));
    }

    private static StackConfig config(String... args) {
        CommandLine cli = LocalStack.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(LocalStack.withDefaultCommand(cli, args));
        StackOptions options = ((StackCommand) parsed.subcommand().commandSpec().userObject()).options;
        Properties system = new Properties();
        system.setProperty("blau.repo.dir", "/tmp/blau-repo");
        return StackConfig.from(options, system, Map.of());
    }
}
