package dev.blau.auth.sessions.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.keycloak.control.InvalidGrantException;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.keycloak.control.TokenSet;
import dev.blau.common.problem.ProblemException;

/**
 * Token renewal that is safe to retry. Refresh tokens rotate: Keycloak spends one the moment it
 * handles a refresh, so a client that never got the answer — its connection dropped, or the
 * server gave up waiting while Keycloak was slow — would hold a spent token and have to sign in
 * again. Here the refresh goes on whatever happens to the request that asked for it, and the
 * same refresh token asked again within {@link #RETRY_WINDOW} (while the first refresh runs or
 * after it) gets the same answer: one Keycloak call however often it is asked. A request waits at
 * most {@link #WAIT} and is then told to ask again ({@code 503 renewal-pending}).
 * <p>
 * Kept in this server's memory, by a digest of the refresh token: a retry that lands on another
 * auth-app server asks Keycloak itself (and finds the token spent if the first server's refresh
 * got there first). Signing out ends the window of the tokens it signs out.
 */
@ApplicationScoped
public class TokenRenewals {

    /** How long an answer is kept for the same refresh token (as identity providers' "reuse intervals"). */
    static final Duration RETRY_WINDOW = Duration.ofSeconds(60);
    static final long RETRY_AFTER_SECONDS = 2;
    /** How long one request waits for its renewal before it is told to ask again. */
    public static final Duration WAIT = Duration.ofSeconds(15);
    /** Longer than a refresh can take (its queue and Keycloak's answer, KeycloakClient's guards). */
    static final Duration LONGEST_REFRESH = Duration.ofMinutes(3);

    @Inject
    KeycloakClient keycloak;

    // digest of a refresh token → its renewal: kept while it runs, then for the retry window from its answer on
    private final Cache<String, CompletableFuture<TokenSet>> renewals;

    // digest of a refresh token handed out (written with the answer) → digest of the one it renewed,
    // to end that one's window on sign-out
    private final Cache<String, String> renewedBy;

    public TokenRenewals() {
        this(Ticker.systemTicker());
    }

    TokenRenewals(Ticker ticker) {
        renewals = Caffeine.newBuilder().ticker(ticker).expireAfter(new KeptWhileRunningThenForTheWindow())
                .maximumSize(200_000).build();
        renewedBy = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(RETRY_WINDOW)
                .maximumSize(200_000).build();
    }

    /** New tokens for {@code refreshToken}: Keycloak's answer, or the one it gave to the same token moments ago. */
    public CompletionStage<TokenSet> renew(String refreshToken) {
        String key = digest(refreshToken);
        List<CompletableFuture<TokenSet>> started = new ArrayList<>(1);
        CompletableFuture<TokenSet> renewal = renewals.get(key, k -> {
            CompletableFuture<TokenSet> refresh = refresh(k, refreshToken);
            started.add(refresh);
            return refresh;
        });
        if (!started.isEmpty()) { // outside the cache's computation, which must not change the cache itself
            renewal.whenComplete((tokens, failure) -> {
                if (failure == null) {
                    renewals.asMap().replace(key, renewal, renewal); // the window starts with the answer
                } else {
                    renewals.asMap().remove(key, renewal); // only answers are repeated: the next ask tries again
                }
            });
        }
        return renewal.minimalCompletionStage(); // shared by every ask: none of them may complete it
    }

    /** One refresh at Keycloak, completed with its tokens or with the problem to answer (never a wrapped one). */
    private CompletableFuture<TokenSet> refresh(String key, String refreshToken) {
        CompletableFuture<TokenSet> renewal = new CompletableFuture<>();
        CompletionStage<TokenSet> call;
        try {
            call = keycloak.refresh(refreshToken);
        } catch (RuntimeException refused) { // a guard may refuse before the call starts
            renewal.completeExceptionally(refused);
            return renewal;
        }
        call.whenComplete((tokens, failure) -> {
            if (failure == null) {
                renewedBy.put(digest(tokens.refreshToken()), key);
                renewal.complete(tokens);
            } else {
                renewal.completeExceptionally(problemFor(unwrap(failure)));
            }
        });
        return renewal;
    }

    private static final class KeptWhileRunningThenForTheWindow implements Expiry<String, CompletableFuture<TokenSet>> {
        @Override
        public long expireAfterCreate(String key, CompletableFuture<TokenSet> renewal, long now) {
            return (renewal.isDone() ? RETRY_WINDOW : LONGEST_REFRESH).toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, CompletableFuture<TokenSet> renewal, long now, long left) {
            return expireAfterCreate(key, renewal, now);
        }

        @Override
        public long expireAfterRead(String key, CompletableFuture<TokenSet> renewal, long now, long left) {
            return left;
        }
    }

    /** Forgets the answer that handed out {@code refreshToken}: after sign-out, asking again with its predecessor gets nothing. */
    public void forget(String refreshToken) {
        String renewed = renewedBy.asMap().remove(digest(refreshToken));
        if (renewed != null) {
            renewals.invalidate(renewed);
        }
    }

    private static Throwable problemFor(Throwable failure) {
        if (failure instanceof InvalidGrantException) {
            return AuthProblems.invalidRefreshToken();
        }
        return failure; // Keycloak away or its guards: their own mappers answer
    }

    /** The answer to a request that waited {@link #WAIT} for its renewal: ask again, the renewal goes on. */
    public static ProblemException pending() {
        return AuthProblems.renewalPending(RETRY_AFTER_SECONDS);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
