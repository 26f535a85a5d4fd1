package dev.blau.common.messaging;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One long-lived Kafka admin client per application, for the readiness check. Creating it
 * does not contact the brokers, so the application starts while Kafka is down.
 */
@ApplicationScoped
public class KafkaAdmin {

    @Inject
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:19092")
    String bootstrapServers;

    private volatile Admin admin;

    public Admin client() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                current = admin;
                if (current == null) {
                    current = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.CLIENT_ID_CONFIG, "blau-readiness",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                            // a broker that is down is retried slowly, not every 50 ms
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000));
                    admin = current;
                }
            }
        }
        return current;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
