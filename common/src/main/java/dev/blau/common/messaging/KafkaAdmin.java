package dev.blau.common.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.blau.common.ServiceName;

/**
 * One long-lived Kafka admin client per application, for the readiness check. Creating it
 * does not contact the brokers, so the application starts while Kafka is down. It signs in
 * to Kafka as the application's own user, like its channels ({@code kafka.<service>-app.sasl.jaas.config}).
 */
@ApplicationScoped
public class KafkaAdmin {

    @Inject
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:19092")
    String bootstrapServers;

    @Inject
    @ConfigProperty(name = "kafka.security.protocol", defaultValue = "PLAINTEXT")
    String securityProtocol;

    @Inject
    @ConfigProperty(name = "kafka.sasl.mechanism", defaultValue = "SCRAM-SHA-512")
    String saslMechanism;

    @Inject
    ServiceName service;

    @Inject
    Config config;

    private volatile Admin admin;

    public Admin client() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                current = admin;
                if (current == null) {
                    Map<String, Object> settings = new HashMap<>(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.CLIENT_ID_CONFIG, "blau-readiness",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                            // a broker that is down is retried slowly, not every 50 ms
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000,
                            AdminClientConfig.SECURITY_PROTOCOL_CONFIG, securityProtocol));
                    if (securityProtocol.startsWith("SASL_")) {
                        settings.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
                        settings.put(SaslConfigs.SASL_JAAS_CONFIG,
                                config.getValue("kafka." + service.value() + "-app.sasl.jaas.config", String.class));
                    }
                    current = Admin.create(settings);
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
