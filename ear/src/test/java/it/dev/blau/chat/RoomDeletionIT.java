package it.dev.blau.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;

/** A deleted room takes its messages with it: nothing of it is left in the message store. */
class RoomDeletionIT {

    private final Chat chat = new Chat(Api.underTest());

    @Test
    void deletingARoomRemovesItsMessagesFromTheStore() {
        ChatUser owner = chat.newUser("own");
        String room = chat.createRoom(owner, "public");
        for (int i = 1; i <= 3; i++) {
            assertEquals(201, chat.send(owner, room, "c" + i, "message " + i).status());
        }
        List<String> ids = IntStream.rangeClosed(1, 3).mapToObj(seq -> room + ":" + seq).toList();
        try (MongoClient mongo = MongoClients.create(System.getProperty("blau.mongodb.uri", "mongodb://127.0.0.1:17017"))) {
            MongoCollection<Document> messages = mongo.getDatabase("blau").getCollection("messages");
            assertEquals(3, messages.countDocuments(Filters.in("_id", ids)));
            assertEquals(204, chat.call("DELETE", owner, "/rooms/" + room, null).status());
            await().atMost(Duration.ofSeconds(30)).until(() -> messages.countDocuments(Filters.in("_id", ids)) == 0);
        }
    }
}
