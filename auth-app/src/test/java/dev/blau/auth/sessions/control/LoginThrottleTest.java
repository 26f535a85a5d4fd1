package dev.blau.auth.sessions.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.blau.common.problem.ProblemException;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle();

    @Test
    void fiveFailuresHoldUpThatAddressForThatAccountOnly() {
        for (int i = 0; i < LoginThrottle.FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
            throttle.admit("Ana", "203.0.113.7");
            throttle.failed("Ana", "203.0.113.7");
        }
        ProblemException held = assertThrows(ProblemException.class, () -> throttle.admit("ana", "203.0.113.7"),
                "the account in any case");
        assertEquals(429, held.problem().status());
        assertTrue(Long.parseLong(held.headers().get("Retry-After")) > 0);
        assertDoesNotThrow(() -> throttle.admit("ana", "198.51.100.1"), "the owner elsewhere");
        assertDoesNotThrow(() -> throttle.admit("bia", "203.0.113.7"), "another account from there");
    }

    @Test
    void anAddressThatFailsOnManyAccountsIsHeldUpForAll() {
        for (int i = 0; i < LoginThrottle.FAILURES_PER_ADDRESS; i++) {
            throttle.failed("user" + i, "203.0.113.9");
        }
        assertThrows(ProblemException.class, () -> throttle.admit("someone-new", "203.0.113.9"));
        assertDoesNotThrow(() -> throttle.admit("someone-new", "203.0.113.10"));
    }
}
