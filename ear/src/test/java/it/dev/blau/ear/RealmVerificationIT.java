package it.dev.blau.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The realm as code, checked against the test stack's Keycloak by the same script operators run
 * against theirs: token claims and lifetimes, refresh rotation, no offline tokens, the service
 * accounts' grants, brute-force settings.
 */
class RealmVerificationIT {

    static final Path SCRIPT = Path.of("..", "keycloak", "verify-realm.sh");

    @Test
    void theImportedRealmPassesEveryCheckOfItsVerificationScript() throws IOException, InterruptedException {
        Path output = Files.createTempFile("verify-realm", ".log");
        Process script = new ProcessBuilder("bash", SCRIPT.toString(),
                System.getProperty("blau.keycloak.url", "http://localhost:18080"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = script.waitFor(5, TimeUnit.MINUTES);
        String log = Files.readString(output, StandardCharsets.UTF_8);
        if (!finished) {
            script.destroyForcibly();
        }
        assertTrue(finished, () -> "the script did not finish:\n" + log);
        assertEquals(0, script.exitValue(), () -> log);
        assertTrue(log.contains(" 0 failed"), log);
    }
}
