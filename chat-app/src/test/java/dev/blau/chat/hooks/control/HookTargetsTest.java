package dev.blau.chat.hooks.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;

class HookTargetsTest {

    @Test
    void internalAddressesAreRefused() {
        HookTargets targets = new HookTargets("");
        for (String url : new String[] {"http://127.0.0.1/", "http://127.8.9.10:8080/x", "http://[::1]/", "http://0.0.0.0/",
                "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
                "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
                "http://224.0.0.1/", "http://255.255.255.255/", "https://localhost/"}) {
            assertThrows(HookTargets.Refused.class, () -> targets.check(url), url);
        }
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentials() {
        HookTargets targets = new HookTargets("");
        for (String url : new String[] {"ftp://93.184.216.34/", "file:///etc/passwd", "http:///x", "http://user:pw@93.184.216.34/",
                "not a url", "gopher://93.184.216.34/"}) {
            assertThrows(HookTargets.Refused.class, () -> targets.check(url), url);
        }
        assertDoesNotThrow(() -> targets.check("https://93.184.216.34/hook"));
    }

    @Test
    void anOperatorAllowsChosenInternalTargets() throws HookTargets.Refused {
        HookTargets targets = new HookTargets("127.0.0.1:47619, 10.0.0.0/8, [fd00::1]:443");
        assertEquals(URI.create("http://127.0.0.1:47619/hook"), targets.check("http://127.0.0.1:47619/hook"));
        assertThrows(HookTargets.Refused.class, () -> targets.check("http://127.0.0.1:47618/hook"), "another port");
        assertDoesNotThrow(() -> targets.check("http://10.200.3.4/"));
        assertThrows(HookTargets.Refused.class, () -> targets.check("http://11.0.0.1.invalid/"));
        assertThrows(HookTargets.Refused.class, () -> targets.check("http://172.16.0.1/"));
        assertDoesNotThrow(() -> targets.check("https://[fd00::1]/"));
        assertThrows(HookTargets.Refused.class, () -> targets.check("http://[fd00::1]/"), "port 80, not 443");
        assertThrows(IllegalArgumentException.class, () -> new HookTargets("10.0.0.0/x"));
    }

    @Test
    void retriesDoubleFromOneSecondToTenMinutesWithJitter() {
        assertBetween(800, 1200, HookDeliveries.delay(1).toMillis());
        assertBetween(1600, 2400, HookDeliveries.delay(2).toMillis());
        assertBetween(6400, 9600, HookDeliveries.delay(4).toMillis());
        assertBetween(480_000, 720_000, HookDeliveries.delay(11).toMillis());
        assertBetween(480_000, 720_000, HookDeliveries.delay(40).toMillis());
    }

    private static void assertBetween(long low, long high, long value) {
        if (value < low || value > high) {
            throw new AssertionError(value + " not within " + low + ".." + high);
        }
    }
}
