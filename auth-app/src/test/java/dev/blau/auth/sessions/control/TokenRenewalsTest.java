package dev.blau.auth.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.blau.auth.keycloak.control.InvalidGrantException;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.keycloak.control.KeycloakUnavailableException;
import dev.blau.auth.keycloak.control.TokenSet;
import dev.blau.common.problem.ProblemException;

class TokenRenewalsTest {

    /** Keycloak's token endpoint as the test drives it: every refresh asked, each answered when the test says. */
    static class ScriptedKeycloak extends KeycloakClient {
        final List<String> asked = new ArrayList<>();
        final List<CompletableFuture<TokenSet>> calls = new ArrayList<>();

        @Override
        public synchronized CompletionStage<TokenSet> refresh(String refreshToken) {
            asked.add(refreshToken);
            CompletableFuture<TokenSet> call = new CompletableFuture<>();
            calls.add(call);
            return call;
        }
    }

    private final ScriptedKeycloak keycloak = new ScriptedKeycloak();
    private final AtomicLong nanos = new AtomicLong();
    private final TokenRenewals renewals = new TokenRenewals(nanos::get);

    @BeforeEach
    void wire() {
        renewals.keycloak = keycloak;
    }

    @Test
    void theSameRefreshTokenAskedTwiceWhileKeycloakWorksIsOneCallWithOneAnswerForBoth() {
        CompletableFuture<TokenSet> first = renewals.renew("rt-1").toCompletableFuture();
        CompletableFuture<TokenSet> second = renewals.renew("rt-1").toCompletableFuture();
        keycloak.calls.get(0).complete(tokens("rt-2"));

        assertEquals(List.of("rt-1"), keycloak.asked);
        assertEquals("rt-2", first.join().refreshToken());
        assertSame(first.join(), second.join());
    }

    @Test
    void aRetryAfterTheAnswerGetsTheSameTokensWithoutAskingKeycloakAgain() {
        renewals.renew("rt-1");
        keycloak.calls.get(0).complete(tokens("rt-2"));

        TokenSet retried = renewals.renew("rt-1").toCompletableFuture().join();

        assertEquals("rt-2", retried.refreshToken());
        assertEquals(1, keycloak.asked.size());
    }

    @Test
    void aRenewalWhoseAskerGaveUpGoesOnAndItsAnswerServesTheRetry() {
        renewals.renew("rt-1"); // the request is gone (the client or the server stopped waiting)
        keycloak.calls.get(0).complete(tokens("rt-2"));

        assertEquals("rt-2", renewals.renew("rt-1").toCompletableFuture().join().refreshToken());
        assertEquals(1, keycloak.asked.size());
    }

    @Test
    void theRetryWindowStartsWithTheAnswerHoweverLongKeycloakTookAndEndsAMinuteLater() {
        renewals.renew("rt-1");
        nanos.addAndGet(Duration.ofSeconds(100).toNanos()); // a slow Keycloak
        keycloak.calls.get(0).complete(tokens("rt-2"));

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertEquals("rt-2", renewals.renew("rt-1").toCompletableFuture().join().refreshToken());
        assertEquals(1, keycloak.asked.size());

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        renewals.renew("rt-1");
        assertEquals(2, keycloak.asked.size()); // past the window Keycloak decides (it will refuse a spent token)
    }

    @Test
    void aRequestThatWaitedTooLongIsToldToAskAgainSoon() {
        ProblemException pending = TokenRenewals.pending();

        assertEquals(503, pending.problem().status());
        assertEquals("https://blau.dev/problems/renewal-pending", pending.problem().type().toString());
        assertEquals("2", pending.headers().get("Retry-After"));
    }

    @Test
    void aSpentOrRevokedRefreshTokenIsA401() {
        CompletableFuture<TokenSet> renewal = renewals.renew("rt-1").toCompletableFuture();
        keycloak.calls.get(0).completeExceptionally(new InvalidGrantException("Token is not active"));

        ProblemException refused = problem(renewal);
        assertEquals(401, refused.problem().status());
        assertEquals("https://blau.dev/problems/invalid-refresh-token", refused.problem().type().toString());
    }

    @Test
    void aFailedRefreshIsNotRepeatedToTheRetryWhichAsksKeycloakAgain() {
        CompletableFuture<TokenSet> failed = renewals.renew("rt-1").toCompletableFuture();
        keycloak.calls.get(0).completeExceptionally(new KeycloakUnavailableException("Keycloak answered HTTP 502", null));

        CompletionException away = assertThrows(CompletionException.class, failed::join);
        assertInstanceOf(KeycloakUnavailableException.class, away.getCause());
        CompletableFuture<TokenSet> retried = renewals.renew("rt-1").toCompletableFuture();
        keycloak.calls.get(1).complete(tokens("rt-2"));
        assertEquals("rt-2", retried.join().refreshToken());
        assertEquals(List.of("rt-1", "rt-1"), keycloak.asked);
    }

    @Test
    void afterSigningOutTheTokenThatRenewedIntoTheSignedOutOneGetsNoKeptAnswer() {
        renewals.renew("rt-1");
        keycloak.calls.get(0).complete(tokens("rt-2"));

        renewals.forget("rt-2");
        CompletableFuture<TokenSet> again = renewals.renew("rt-1").toCompletableFuture();

        assertEquals(List.of("rt-1", "rt-1"), keycloak.asked);
        assertFalse(again.isDone()); // Keycloak is asked, and will refuse the spent token
    }

    @Test
    void differentRefreshTokensAreDifferentRenewals() {
        renewals.renew("rt-a");
        renewals.renew("rt-b");

        assertEquals(List.of("rt-a", "rt-b"), keycloak.asked);
    }

    private static ProblemException problem(CompletableFuture<TokenSet> answer) {
        CompletionException failure = assertThrows(CompletionException.class, answer::join);
        return assertInstanceOf(ProblemException.class, failure.getCause());
    }

    private static TokenSet tokens(String refreshToken) {
        return new TokenSet("access-for-" + refreshToken, refreshToken, 300, 1800, "Bearer");
    }
}
