package dev.blau.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SigningKeyIdsTest {

    static final long SECOND = 1_000_000_000L;

    long now;
    Set<String> realm = Set.of("a");
    boolean reachable = true;
    final AtomicInteger reads = new AtomicInteger();
    final SigningKeyIds keys = new SigningKeyIds(() -> {
        reads.incrementAndGet();
        if (!reachable) {
            throw new IllegalStateException("away");
        }
        return realm;
    }, () -> now, Runnable::run);

    @Test
    void aRemovedKeyIsRefusedOnceThePublishedSetIsAMinuteOld() {
        assertTrue(keys.published("a"));
        realm = Set.of("b");
        now = 59 * SECOND;
        assertTrue(keys.published("a"), "within the minute the set it read counts");
        now = 61 * SECOND;
        assertTrue(keys.published("a"), "the request that finds the set old is not held up: it reads again behind it");
        assertFalse(keys.published("a"));
        assertEquals(2, reads.get());
    }

    @Test
    void aNewKeyIsReadAtOnceButUnknownKeysDoNotMakeItReadOnEveryRequest() {
        assertTrue(keys.published("a"));
        realm = Set.of("a", "b");
        now = 6 * SECOND;
        assertTrue(keys.published("b"), "an unknown key id makes it read the set again");
        for (int i = 0; i < 100; i++) {
            assertFalse(keys.published("forged-" + i));
        }
        assertEquals(2, reads.get(), "at most one read every few seconds for unknown key ids");
    }

    @Test
    void aKnownKeyNeverWaitsForARead() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        SigningKeyIds slow = new SigningKeyIds(() -> {
            reads.incrementAndGet();
            return realm;
        }, () -> now, queued::add);
        assertTrue(slow.published("a"));
        now = 61 * SECOND;
        assertTrue(slow.published("a"));
        assertTrue(slow.published("a"));
        assertEquals(1, reads.get(), "the read of the old set runs elsewhere");
        assertEquals(1, queued.size(), "one read at a time");
        queued.get(0).run();
        assertEquals(2, reads.get());
    }

    @Test
    void whileTheIdentityProviderIsAwayTheKeysItPublishedLastCount() {
        assertTrue(keys.published("a"));
        reachable = false;
        now = 120 * SECOND;
        assertTrue(keys.published("a"));
        assertFalse(keys.published("z"));
        assertEquals(2, reads.get(), "a failed read is not tried again at once");
    }

    @Test
    void neverReadLeavesTheDecisionToTheRuntime() {
        reachable = false;
        assertTrue(keys.published("anything"));
    }

    @Test
    void theKeyIdIsReadFromTheTokensHeader() {
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("k1", RemovedSigningKeyFilter.keyIdOf(header + ".e30.sig"));
        assertEquals(null, RemovedSigningKeyFilter.keyIdOf("not a token"));
        assertEquals(null, RemovedSigningKeyFilter.keyIdOf("!!!.e30.sig"));
    }
}
