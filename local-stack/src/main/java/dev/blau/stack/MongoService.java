package dev.blau.stack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.blau.stack.mongo.StoreFiles;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A MongoDB-wire-compatible store inside the launcher JVM (mongo-java-server, H2 file backend
 * with documents and index keys kept as BSON): no real mongod can be installed here. No oplog: BLAU uses no change streams, and an oplog would
 * double every write and grow without bound. Not started when MONGODB_URI points at a real MongoDB.
 */
public final class MongoService implements ManagedService {

    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private MongoServer server;
    private H2Backend backend;

    public MongoService(StackConfig config) {
        this.port = config.ports().get("mongodb");
        this.dataDir = config.dataDir().resolve("mongo");
        this.logFile = config.logsDir().resolve("local-stack.log");
    }

    @Override public String name() { return "mongodb"; }
    @Override public String displayName() { return "MongoDB (mongo-java-server)"; }
    @Override public List<Integer> ports() { return List.of(port); }
    @Override public int mainPort() { return port; }
    @Override public String address() { return "127.0.0.1:" + port; }
    @Override public Duration readyTimeout() { return Duration.ofSeconds(30); }
    @Override public Path logFile() { return logFile; }
    @Override public OptionalLong pid() { return OptionalLong.empty(); }
    @Override public boolean inLauncher() { return true; }
    @Override public Optional<Path> stateFile() { return Optional.of(StoreFiles.file(dataDir)); }

    @Override
    public synchronized void start() throws IOException {
        backend = StoreFiles.open(dataDir);
        server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
    }

    @Override
    public boolean isReady() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow(); // closes the backend, which commits and closes the H2 file
            server = null;
        }
        if (backend != null) {
            try {
                backend.close();
            } catch (RuntimeException alreadyClosed) {
                // shutdownNow closed it already
            }
            backend = null;
        }
    }
}
