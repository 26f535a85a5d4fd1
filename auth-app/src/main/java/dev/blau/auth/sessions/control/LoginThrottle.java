package dev.blau.auth.sessions.control;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.blau.auth.AuthProblems;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Slows password guessing where it comes from. Failed sign-ins are counted per account and
 * client address, and per address: past {@value #FAILURES_PER_ACCOUNT_AND_ADDRESS} for one
 * account (or {@value #FAILURES_PER_ADDRESS} for any) within 15 minutes, that address gets a
 * {@code 429} and Keycloak is not asked — while the account's owner, signing in from anywhere
 * else, is not held up. Keycloak's own brute-force detection (temporary, per account) stays
 * behind this for guessing spread over many addresses. The answer is the same whether the
 * account exists or not. Counted per server (in memory): with several auth-app replicas an
 * address gets that many times the budget.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
    static final int FAILURES_PER_ADDRESS = 30;
    static final Duration WINDOW = Duration.ofMinutes(15);

    // an idle bucket refills completely within the window, so forgetting it after that changes nothing
    private final Cache<String, Bucket> failures = Caffeine.newBuilder()
            .expireAfterAccess(WINDOW).maximumSize(500_000).build();

    /** Refuses (429) an attempt from {@code address} on {@code account} while either budget is spent. */
    public void admit(String account, String address) {
        long waitNanos = Math.max(waitNanos(accountKey(account, address)), waitNanos(addressKey(address)));
        if (waitNanos > 0) {
            long seconds = Math.max(1, Duration.ofNanos(waitNanos).toSeconds() + 1);
            throw AuthProblems.tooManyFailedSignIns(seconds);
        }
    }

    /** Counts a refused password against both budgets. */
    public void failed(String account, String address) {
        bucket(accountKey(account, address), FAILURES_PER_ACCOUNT_AND_ADDRESS).tryConsume(1);
        bucket(addressKey(address), FAILURES_PER_ADDRESS).tryConsume(1);
    }

    private long waitNanos(String key) {
        Bucket bucket = failures.getIfPresent(key);
        return bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(String key, int capacity) {
        return failures.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, WINDOW).build())
                .build());
    }

    private static String accountKey(String account, String address) {
        return "a:" + account.toLowerCase(Locale.ROOT) + "\n" + address;
    }

    private static String addressKey(String address) {
        return "ip:" + address;
    }
}
