package dev.blau.chat.presence.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Who is typing where, in Redis with a short expiry. Only a change is announced: a client
 * repeats {@code typing: true} every few seconds while the user types, which only extends
 * the expiry, so a room hears one event per burst of typing, not one per keystroke. Clients
 * forget an indicator that is not refreshed within {@link #EXPIRY_SECONDS}.
 */
@ApplicationScoped
public class Typing {

    public static final int EXPIRY_SECONDS = 6;
    private static final String KEY = "blau:typing:";

    @Inject
    UnifiedJedis redis;

    /** True when the user was not typing in the room already (announce it). */
    public boolean started(String roomId, String userId) {
        String key = KEY + roomId + ":" + userId;
        if ("OK".equals(redis.set(key, "1", SetParams.setParams().nx().ex(EXPIRY_SECONDS)))) {
            return true;
        }
        redis.expire(key, EXPIRY_SECONDS);
        return false;
    }

    /** True when the user was typing (announce that they stopped). */
    public boolean stopped(String roomId, String userId) {
        return redis.del(KEY + roomId + ":" + userId) == 1;
    }
}
