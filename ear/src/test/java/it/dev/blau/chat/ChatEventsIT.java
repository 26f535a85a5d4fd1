package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.type;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;

/** A room's life reaches Kafka as domain events keyed by the room; its connected members are told live. */
class ChatEventsIT {

    private final Chat chat = new Chat(Api.underTest());

    private static long outboxSize(List<JsonObject> events) throws java.sql.SQLException {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(System.getProperty("blau.postgres.url",
                "jdbc:postgresql://127.0.0.1:15432/blau"), "blau", "blau");
             var query = db.prepareStatement("SELECT count(*) FROM chat.event_outbox WHERE event_id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("varchar", events.stream().map(e -> e.getString("eventId")).toArray()));
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    void aRoomsLifeIsPublishedInOrderUnderItsIdAndDeletionReachesConnectedMembers() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        Properties config = new Properties();
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("blau.kafka.bootstrap", "127.0.0.1:19092"),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("blau.chat-events"));
            String room = chat.createRoom(ana, "public");
            chat.join(bob, room);
            try (ChatSocket b = chat.connect(bob)) {
                b.join(room, null);
                assertEquals(201, chat.send(ana, room, "e1", "an event").status());
                assertEquals(204, chat.call("DELETE", bob, "/rooms/" + room + "/members/me", null).status());
                chat.join(bob, room);
                b.join(room, null);
                int mark = b.size();
                assertEquals(204, chat.call("DELETE", ana, "/rooms/" + room, null).status());
                assertEquals(room, b.await(type("room_deleted"), mark).getString("roomId"));
            }
            List<String> expected = List.of("room.created", "user.joined.room", "message.sent", "user.left.room",
                    "user.joined.room", "room.deleted");
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().filter(r -> room.equals(r.key())).count() >= expected.size();
            });
            List<JsonObject> events = records.stream().filter(r -> room.equals(r.key()))
                    .map(r -> Json.createReader(new StringReader(r.value())).readObject()).toList();
            assertEquals(expected, events.stream().map(e -> e.getString("type")).toList());
            assertEquals("an event", events.get(2).getJsonObject("message").getString("text"));
            assertEquals(bob.id(), events.get(3).getJsonObject("user").getString("id"));
            events.forEach(e -> assertEquals(room, e.getString("roomId")));
            // each came through the outbox, which empties once Kafka has them
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxSize(events) == 0);
        }
    }
}
