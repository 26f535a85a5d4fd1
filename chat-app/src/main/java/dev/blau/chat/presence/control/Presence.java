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
 * it expires; the server that holds it pushes that time forward with a heartbeat (one
 * pipeline for all its sockets). The set {@code blau:presence:users} holds each online user
 * with their latest expiry: when a server dies its heartbeats stop, and within
 * {@link #TTL_MILLIS} its users count as offline, and the next sweep by any server tells
 * their rooms. Connecting and disconnecting are one script each (one round trip, atomic), and
 * many of them go out in one pipeline ({@link #disconnectedAll}), so thousands of sockets
 * closing at once need one connection, not thousands.
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

    // KEYS: conns, users; ARGV: connection, expires, conns ttl, now, user → 1 when the user was offline before
    private static final String CONNECT = """
            local before = redis.call('ZSCORE', KEYS[2], ARGV[5])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('ZADD', KEYS[2], 'GT', ARGV[2], ARGV[5])
            if (not before) or tonumber(before) < tonumber(ARGV[4]) then return 1 end
            return 0""";
    // KEYS: conns, users; ARGV: connection, now, user → 1 when it was the user's last live connection
    private static final String DISCONNECT = """
            redis.call('ZREM', KEYS[1], ARGV[1])
            if redis.call('ZCOUNT', KEYS[1], ARGV[2], '+inf') > 0 then return 0 end
            return redis.call('ZREM', KEYS[2], ARGV[3])""";

    /** One open connection of a user. */
    public record Socket(String userId, String connectionId) {
    }

    @Inject
    JedisPooled redis;

    /** Registers a connection; true when the user was offline before it. */
    public boolean connected(String userId, String connectionId) {
        long now = System.currentTimeMillis();
        Object wasOffline = redis.eval(CONNECT, List.of(CONNS + userId, USERS),
                List.of(connectionId, Long.toString(now + TTL_MILLIS), Long.toString(TTL_MILLIS * 2),
                        Long.toString(now), userId));
        return Long.valueOf(1).equals(wasOffline);
    }

    /** Pushes the expiry of every given socket forward, in one pipeline. */
    public void heartbeats(Collection<Socket> sockets, long now) {
        if (sockets.isEmpty()) {
            return;
        }
        long expires = now + TTL_MILLIS;
        try (var pipeline = redis.pipelined()) { // a pipeline holds a pooled connection until closed
            for (Socket socket : sockets) {
                pipeline.zadd(CONNS + socket.userId(), expires, socket.connectionId());
                pipeline.pexpire(CONNS + socket.userId(), TTL_MILLIS * 2);
                pipeline.zadd(USERS, expires, socket.userId(), ZAddParams.zAddParams().gt());
            }
        }
    }

    /** Removes a connection; true when it was the user's last one, so they are now offline. */
    public boolean disconnected(String userId, String connectionId) {
        return disconnectedAll(List.of(new Socket(userId, connectionId))).contains(userId);
    }

    /** Removes connections in one pipeline; returns the users who went offline with them. */
    public Set<String> disconnectedAll(Collection<Socket> sockets) {
        String now = Long.toString(System.currentTimeMillis());
        Map<Socket, Response<Object>> answers = new HashMap<>();
        try (var pipeline = redis.pipelined()) {
            for (Socket socket : sockets) {
                answers.put(socket, pipeline.eval(DISCONNECT, List.of(CONNS + socket.userId(), USERS),
                        List.of(socket.connectionId(), now, socket.userId())));
            }
        }
        Set<String> offline = new java.util.HashSet<>();
        answers.forEach((socket, answer) -> {
            if (Long.valueOf(1).equals(answer.get())) {
                offline.add(socket.userId());
            }
        });
        return offline;
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
