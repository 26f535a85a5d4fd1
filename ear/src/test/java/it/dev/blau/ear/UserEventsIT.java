package it.dev.blau.ear;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.LocalStackControl;
import dev.blau.testing.Users;

/** user.registered and user.login reach Kafka; a Kafka outage delays them and never a sign-in. */
class UserEventsIT {

    static final String TOPIC = "blau.user-events";

    final Api api = Api.underTest();
    final Users users = new Users(api);
    final LocalStackControl stack = LocalStackControl.ofThisBuild();
    final List<JsonObject> events = new CopyOnWriteArrayList<>();
    KafkaConsumer<String, String> consumer;

    @BeforeEach
    void readTheTopic() {
        Properties config = new Properties();
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("blau.kafka.bootstrap", "127.0.0.1:19092"),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(TOPIC));
    }

    @AfterEach
    void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    @Test
    void registrationAndLoginArePublishedWithoutSecrets() {
        String username = users.register("evt");
        users.accessToken(username);

        JsonObject registered = awaitEvent("user.registered", username, Duration.ofMinutes(1));
        JsonObject login = awaitEvent("user.login", username, Duration.ofMinutes(1));

        assertEquals(registered.getString("userId"), login.getString("userId"));
        assertEquals(java.util.Set.of("eventId", "type", "time", "userId", "username"), registered.keySet());
        assertEquals(registered.keySet(), login.keySet());
        assertFalse(registered.getString("eventId").equals(login.getString("eventId")));
    }

    @Test
    void signInWorksWhileKafkaIsDownAndItsEventArrivesWhenKafkaIsBack() {
        String username = users.register("kdown");
        stack.stop("kafka");
        Api.Answer login;
        try {
            login = api.post("/api/v1/auth/login", Users.credentials(username, Users.PASSWORD));
        } finally {
            stack.start("kafka");
        }

        assertEquals(200, login.status(), login::toString);
        JsonObject event = awaitEvent("user.login", username, Duration.ofMinutes(2));
        assertTrue(event.getString("time").length() > 0);
    }

    JsonObject awaitEvent(String type, String username, Duration limit) {
        return await(type + " of " + username).atMost(limit).pollInterval(Duration.ZERO)
                .until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        events.add(Json.createReader(new StringReader(record.value())).readObject());
                    }
                    return events.stream()
                            .filter(e -> type.equals(e.getString("type")) && username.equals(e.getString("username")))
                            .findFirst().orElse(null);
                }, java.util.Objects::nonNull);
    }
}
