package dev.blau.stack;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Real redis-server 6.2 (codemonstur embedded-redis). Persistence: append-only file in
 * {@code <dataDir>/redis}, fsynced every second, so data survives a restart.
 */
public final class RedisService implements ManagedService {

    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private RedisServer redis;
    private PrintWriter log;

    public RedisService(StackConfig config) {
        this.port = config.ports().get("redis");
        this.dataDir = config.dataDir().resolve("redis");
        this.logFile = config.logsDir().resolve("redis.log");
    }

    @Override public String name() { return "redis"; }
    @Override public String displayName() { return "Redis"; }
    @Override public List<Integer> ports() { return List.of(port); }
    @Override public int mainPort() { return port; }
    @Override public String address() { return "127.0.0.1:" + port; }
    @Override public Duration readyTimeout() { return Duration.ofSeconds(30); }
    @Override public Path logFile() { return logFile; }

    @Override
    public synchronized void start() throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        redis = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDir)
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .soutListener(this::log)
                .serrListener(this::log)
                .build();
        redis.start(); // returns once redis-server prints "Ready to accept connections"
    }

    private synchronized void log(String line) {
        if (log != null) {
            log.println(line);
        }
    }

    @Override
    public boolean isReady() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        if (redis != null) {
            try {
                redis.stop(); // SIGTERM: redis flushes the append-only file before exiting
            } catch (IOException e) {
                System.err.println("Redis did not stop cleanly: " + e.getMessage());
            }
            redis = null;
        }
        if (log != null) {
            log.close();
            log = null;
        }
    }

    @Override
    public boolean isAlive() {
        RedisServer r = redis;
        return r == null || r.isActive();
    }

    /** embedded-redis does not expose the pid: find our redis-server child. */
    @Override
    public OptionalLong pid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .findFirst();
    }
}
