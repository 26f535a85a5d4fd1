package dev.blau.chat.presence.control;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.Response;

/**
 * Who is online, in Redis, so every chat server sees the same answer. A user is online while
 * their set {@code blau:presence:sockets:<user>} holds a connection; {@code blau:presence:online}
 * holds those users. Each running server (this process: its instance id and a random suffix,
 * so a restarted server never passes for the one that died) lists its connections in
 * {@code blau:presence:server-sockets:<server>} and keeps itself alive in
 * {@code blau:presence:servers} with one write per heartbeat, however many sockets it holds.
 * When a server dies its heartbeats stop; after {@link #TTL_MILLIS} any surviving server
 * claims it and removes its connections, so its users go offline by themselves. Connecting
 * and disconnecting are one script each (one round trip, atomic), and many of them go out in
 * one pipeline ({@link #disconnectedAll}), so thousands of sockets closing at once need one
 * connection, not thousands.
 */
@ApplicationScoped
public class Presence {

    public static final long TTL_MILLIS = 30_000;
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    public static final Set<String> CHOSEN_STATUSES = Set.of("online", "away", "busy");

    private static final String ONLINE_USERS = "blau:presence:online";
    private static final String SOCKETS = "blau:presence:sockets:";
    private static final String SERVERS = "blau:presence:servers";
    private static final String SERVER_SOCKETS = "blau:presence:server-sockets:";
    private static final String STATUS = "blau:presence:status:";
    private static final long STATUS_TTL_SECONDS = 7 * 24 * 3600;
    private static final int SWEEP_BATCH = 500;

    // KEYS: sockets of the user, online users, sockets of the server, live servers;
    // ARGV: connection, user, "user connection", server, its expiry → 1 when the user was offline before
    // (the server is marked alive too: a server that dies before its first heartbeat is still swept)
    private static final String CONNECT = """
            redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[3])
            redis.call('ZADD', KEYS[4], 'GT', ARGV[5], ARGV[4])
            return redis.call('SADD', KEYS[2], ARGV[2])""";
    // same keys and arguments → 1 when it was the user's last connection, so they are now offline
    private static final String DISCONNECT = """
            redis.call('SREM', KEYS[1], ARGV[1])
            redis.call('SREM', KEYS[3], ARGV[3])
            if redis.call('SCARD', KEYS[1]) > 0 then return 0 end
            return redis.call('SREM', KEYS[2], ARGV[2])""";
    // KEYS: live servers, sockets of this server; ARGV: server, expiry → whether its registrations still exist
    private static final String BEAT = """
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            return redis.call('EXISTS', KEYS[2])""";

    /** One open connection of a user. */
    public record Socket(String userId, String connectionId) {

        String member() {
            return userId + " " + connectionId;
        }

        static Socket of(String member) {
            int space = member.indexOf(' ');
            return new Socket(member.substring(0, space), member.substring(space + 1));
        }
    }

    @Inject
    UnifiedJedis redis;

    @Inject
    @ConfigProperty(name = "chat.instance.id", defaultValue = "chat")
    String instanceId;

    private final String suffix = UUID.randomUUID().toString();

    /** This process among the chat servers. */
    String server() {
        return instanceId + ":" + suffix;
    }

    /** Registers a connection; true when the user was offline before it. */
    public boolean connected(String userId, String connectionId) {
        Object wasOffline = redis.eval(CONNECT, connectKeys(userId), connectArgs(new Socket(userId, connectionId)));
        return Long.valueOf(1).equals(wasOffline);
    }

    /**
     * Tells the others this server is alive: one write, whatever the number of sockets. When
     * its registrations are gone (Redis lost them, or this server was taken for dead during a
     * long pause), the open {@code sockets} are registered again.
     */
    public void heartbeat(Supplier<Collection<Socket>> sockets, long now) {
        Object registered = redis.eval(BEAT, List.of(SERVERS, SERVER_SOCKETS + server()),
                List.of(server(), Long.toString(now + TTL_MILLIS)));
        if (!Long.valueOf(1).equals(registered)) {
            Collection<Socket> open = sockets.get();
            if (open.isEmpty()) {
                return;
            }
            try (var pipeline = redis.pipelined()) { // a pipeline holds a pooled connection until closed
                for (Socket socket : open) {
                    pipeline.eval(CONNECT, connectKeys(socket.userId()), connectArgs(socket));
                }
            }
        }
    }

    /** Removes connections of this server in one pipeline; returns the users who went offline with them. */
    public Set<String> disconnectedAll(Collection<Socket> sockets) {
        return disconnect(sockets, server());
    }

    /**
     * Removes the connections of servers whose heartbeat stopped, each server claimed by one
     * caller only; returns the users who went offline with them.
     */
    public Set<String> sweepDeadServers(int limit) {
        long now = System.currentTimeMillis();
        Set<String> offline = new HashSet<>();
        for (String dead : redis.zrangeByScore(SERVERS, 0, now, 0, limit)) {
            if (dead.equals(server()) || redis.zrem(SERVERS, dead) != 1) {
                continue; // this server's own entry is refreshed by its heartbeat; another server claimed it
            }
            for (Set<String> batch = redis.spop(SERVER_SOCKETS + dead, SWEEP_BATCH); batch != null && !batch.isEmpty();
                    batch = redis.spop(SERVER_SOCKETS + dead, SWEEP_BATCH)) {
                offline.addAll(disconnect(batch.stream().map(Socket::of).toList(), dead));
            }
        }
        return offline;
    }

    private Set<String> disconnect(Collection<Socket> sockets, String server) {
        Map<Socket, Response<Object>> answers = new HashMap<>();
        try (var pipeline = redis.pipelined()) {
            for (Socket socket : sockets) {
                answers.put(socket, pipeline.eval(DISCONNECT, keys(socket.userId(), server), args(socket)));
            }
        }
        Set<String> offline = new HashSet<>();
        answers.forEach((socket, answer) -> {
            if (Long.valueOf(1).equals(answer.get())) {
                offline.add(socket.userId());
            }
        });
        return offline;
    }

    private List<String> connectKeys(String userId) {
        return List.of(SOCKETS + userId, ONLINE_USERS, SERVER_SOCKETS + server(), SERVERS);
    }

    private List<String> connectArgs(Socket socket) {
        return List.of(socket.connectionId(), socket.userId(), socket.member(), server(),
                Long.toString(System.currentTimeMillis() + TTL_MILLIS));
    }

    private static List<String> keys(String userId, String server) {
        return List.of(SOCKETS + userId, ONLINE_USERS, SERVER_SOCKETS + server);
    }

    private static List<String> args(Socket socket) {
        return List.of(socket.connectionId(), socket.userId(), socket.member());
    }

    public void choose(String userId, String status) {
        redis.setex(STATUS + userId, STATUS_TTL_SECONDS, status);
    }

    public String status(String userId) {
        return statuses(List.of(userId)).get(userId);
    }

    /** online / away / busy for connected users (their own choice), offline for the rest. */
    public Map<String, String> statuses(Collection<String> userIds) {
        Map<String, Response<Boolean>> online = new HashMap<>();
        Map<String, Response<String>> chosen = new HashMap<>();
        try (var pipeline = redis.pipelined()) {
            for (String id : userIds) {
                online.put(id, pipeline.sismember(ONLINE_USERS, id));
                chosen.put(id, pipeline.get(STATUS + id));
            }
        }
        Map<String, String> statuses = new HashMap<>();
        for (String id : userIds) {
            String status = chosen.get(id).get();
            statuses.put(id, !online.get(id).get() ? OFFLINE : status == null ? ONLINE : status);
        }
        return statuses;
    }
}
