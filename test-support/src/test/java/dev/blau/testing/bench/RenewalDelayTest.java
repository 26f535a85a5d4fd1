package dev.blau.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** When a client renews its token: between two minutes and one before expiry, or, with less than two minutes left, somewhere in what is left. */
class RenewalDelayTest {

    private static final long NOW = Duration.ofHours(1).toNanos();

    @Test
    void aFreshTokenIsRenewedBetweenTwoMinutesAndOneBeforeItsExpiry() {
        long expiresAt = NOW + seconds(300);
        assertEquals(seconds(240), BenchClient.renewalDelay(NOW, expiresAt, 0.0));
        assertEquals(seconds(210), BenchClient.renewalDelay(NOW, expiresAt, 0.5));
        assertEquals(seconds(180), BenchClient.renewalDelay(NOW, expiresAt, 1.0));
    }

    @Test
    void aTokenWithLessThanTwoMinutesLeftIsRenewedSomewhereInWhatIsLeft() {
        // 100 s left: anywhere up to 15 s before expiry, not at once
        long expiresAt = NOW + seconds(100);
        assertEquals(0, BenchClient.renewalDelay(NOW, expiresAt, 0.0));
        assertEquals(seconds(42.5), BenchClient.renewalDelay(NOW, expiresAt, 0.5));
        assertEquals(seconds(76.5), BenchClient.renewalDelay(NOW, expiresAt, 0.9));
        // exactly two minutes left: the usual window
        assertEquals(seconds(30), BenchClient.renewalDelay(NOW, NOW + seconds(120), 0.5));
    }

    @Test
    void aTokenInItsLastSecondsIsRenewedAtOnce() {
        assertEquals(0, BenchClient.renewalDelay(NOW, NOW + seconds(10), 0.7));
        assertEquals(0, BenchClient.renewalDelay(NOW, NOW - seconds(5), 0.7));
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }
}
