package dev.blau.chat.messages.control;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.blau.chat.ChatProblems;
import dev.blau.common.problem.RetryAfter;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * How many messages one user may send per window, counted in Redis so the limit holds across
 * every chat server and connection. Sends over the limit are refused and counted as
 * violations; a connection that keeps going after that is closed.
 */
@ApplicationScoped
public class SendRateLimit {

    private static final String SENDS = "blau:rate:send:";
    private static final String VIOLATIONS = "blau:rate:violations:";

    @Inject
    UnifiedJedis redis;

    @Inject
    @ConfigProperty(name = "chat.rate-limit.messages", defaultValue = "30")
    int messagesPerWindow;

    @Inject
    @ConfigProperty(name = "chat.rate-limit.window-seconds", defaultValue = "10")
    int windowSeconds;

    /** Counts a send; throws 429 (rate-limited) when the user sent the limit within the last window. */
    public void acquire(String userId) {
        long now = System.currentTimeMillis();
        long windowMillis = windowSeconds * 1000L;
        String key = SENDS + userId;
        String member = now + ":" + UUID.randomUUID();
        Response<Long> count;
        Response<List<Tuple>> oldest;
        // a sliding window: the sends of the last windowSeconds, whenever they happened
        try (var pipeline = redis.pipelined()) { // a pipeline holds a pooled connection until closed
            pipeline.zremrangeByScore(key, 0, now - windowMillis);
            pipeline.zadd(key, now, member);
            count = pipeline.zcard(key);
            oldest = pipeline.zrangeWithScores(key, 0, 0);
            pipeline.pexpire(key, windowMillis);
        }
        if (count.get() > messagesPerWindow) {
            redis.zrem(key, member); // a refused send does not count
            long violations = redis.incr(VIOLATIONS + userId);
            redis.expire(VIOLATIONS + userId, windowSeconds * 6L);
            long oldestAt = oldest.get().isEmpty() ? now : (long) oldest.get().get(0).getScore();
            throw new RateLimitedException((oldestAt + windowMillis - now + 999) / 1000, violations);
        }
    }

    /** Over the limit: {@link #violations()} says how often lately, so persistent abuse can be cut off. */
    public static class RateLimitedException extends dev.blau.common.problem.ProblemException {
        private static final long serialVersionUID = 1L;
        private final long violations;

        RateLimitedException(long retryAfterSeconds, long violations) {
            super(ChatProblems.rateLimited(Math.max(1, retryAfterSeconds)).problem(),
                    RetryAfter.seconds(Math.max(1, retryAfterSeconds)), null);
            this.violations = violations;
        }

        public long violations() {
            return violations;
        }
    }
}
