package dev.blau.stack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Kafka 4.1 in KRaft mode, one node acting as broker and controller, inside the launcher JVM. */
public final class KafkaService implements ManagedService {

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final Path logFile;
    private KafkaRaftServer server;

    public KafkaService(StackConfig config) {
        this.port = config.ports().get("kafka");
        this.controllerPort = config.ports().get("kafka.controller");
        this.logDir = config.dataDir().resolve("kafka");
        this.logFile = config.logsDir().resolve("kafka.log");
    }

    @Override public String name() { return "kafka"; }
    @Override public String displayName() { return "Kafka"; }
    @Override public List<Integer> ports() { return List.of(port, controllerPort); }
    @Override public int mainPort() { return port; }
    @Override public String address() { return "127.0.0.1:" + port; }
    @Override public Duration readyTimeout() { return Duration.ofSeconds(60); }
    @Override public Path logFile() { return logFile; }
    @Override public OptionalLong pid() { return OptionalLong.empty(); }
    @Override public boolean inLauncher() { return true; }

    Properties serverProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // a single node: every internal topic has one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    @Override
    public synchronized void start() throws IOException {
        Files.createDirectories(logDir);
        Properties props = serverProperties();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(props);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
    }

    /** Formats the log dir once, with a fresh cluster id; StorageTool.main would call System.exit. */
    private void format(Properties props) throws IOException {
        Path configFile = logDir.getParent().resolve("kafka-server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "Written by the BLAU local stack to format Kafka's storage");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", configFile.toString(), "--ignore-formatted"}, print);
        }
        if (rc != 0) {
            throw new IOException("Formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** Ready when the broker answers a metadata request, not merely when its port is open. */
    @Override
    public boolean isReady() {
        Map<String, Object> conf = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(conf)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                    .nodes().get(4, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
