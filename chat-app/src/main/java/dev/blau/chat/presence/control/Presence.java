package dev.blau.chat.presence.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZAddParams;

/**
 * Who is online, in Redis, so every chat server sees the same answer. Each open connection
 * is a member of its user's sorted set {@code blau:presence:conns:<user>} scored with the time
 * it expires; the server that holds it pushes that time forward with every heartbeat. The set
 * {@code blau:presence:users} holds each online user with their latest expiry: when a server
 * dies its heartbeats stop, and within {@link #TTL_MILLIS} its users count as offline, and the
 * next sweep by any server tells their rooms.
 */
@ApplicationScoped
public class Presence {

    public static final long TTL_MILLIS = 30_000;
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    public static final Set<String> CHOSEN_STATUSES = Set.of("online", "away", "busy");

    private static final String USERS = "blau:presence:users";
    private static final String CONNS = "blau:presence:conns:";
    private static final String STATUS = "blau:presence:status:";
    private static final long STATUS_TTL_SECONDS = 7 * 24 * 3600;

    @Inject
    JedisPooled redis;

    /** Registers a connection; true when the user was offline before it. */
    public boolean connected(String userId, String connectionId) {
        long now = System.currentTimeMillis();
        Double before = redis.zscore(USERS, userId);
        heartbeat(userId, connectionId, now);
        return before == null || before < now;
    }

    public void heartbeat(String userId, String connectionId, long now) {
        long expires = now + TTL_MILLIS;
        try (var pipeline = redis.pipelined()) { // a pipeline holds a pooled connection until closed
            pipeline.zadd(CONNS + userId, expires, connectionId);
            pipeline.pexpire(CONNS + userId, TTL_MILLIS * 2);
            pipeline.zadd(USERS, expires, userId, ZAddParams.zAddParams().gt());
        }
    }

    /** Removes a connection; true when it was the user's last one, so they are now offline. */
    public boolean disconnected(String userId, String connectionId) {
        long now = System.currentTimeMillis();
        redis.zrem(CONNS + userId, connectionId);
        if (redis.zcount(CONNS + userId, now, Double.POSITIVE_INFINITY) > 0) {
            return false;
        }
        // only the one caller whose ZREM removes the user announces the change
        return redis.zrem(USERS, userId) == 1;
    }

    /** Users whose every connection expired (their server stopped): each claimed by one caller only. */
    public List<String> claimExpired(int limit) {
        long now = System.currentTimeMillis();
        List<String> claimed = new ArrayList<>();
        for (String userId : redis.zrangeByScore(USERS, 0, now, 0, limit)) {
            if (redis.zrem(USERS, userId) == 1) {
                redis.zremrangeByScore(CONNS + userId, 0, now);
                claimed.add(userId);
            }
        }
        return claimed;
    }

    public void choose(String userId, String status) {
        redis.setex(STATUS + userId, STATUS_TTL_SECONDS, status);
    }

    public String status(String userId) {
        return statuses(List.of(userId)).get(userId);
    }

    /** online / away / busy for connected users (their own choice), offline for the rest. */
    public Map<String, String> statuses(Collection<String> userIds) {
        long now = System.currentTimeMillis();
        Map<String, Response<Double>> expiries = new HashMap<>();
        Map<String, Response<String>> chosen = new HashMap<>();
        try (var pipeline = redis.pipelined()) {
            for (String id : userIds) {
                expiries.put(id, pipeline.zscore(USERS, id));
                chosen.put(id, pipeline.get(STATUS + id));
            }
        }
        Map<String, String> statuses = new HashMap<>();
        for (String id : userIds) {
            Double expiry = expiries.get(id).get();
            String status = chosen.get(id).get();
            statuses.put(id, expiry == null || expiry < now ? OFFLINE : status == null ? ONLINE : status);
        }
        return statuses;
    }
}
