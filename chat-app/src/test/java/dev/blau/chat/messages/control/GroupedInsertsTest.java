package dev.blau.chat.messages.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import dev.blau.chat.messages.control.GroupedInserts.Outcome;

/** Group commit against a MongoDB-wire server: sends that wait together are written in one request, each judged alone. */
class GroupedInsertsTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> messages;
    private GroupedInserts inserts;
    private final ExecutorService senders = Executors.newFixedThreadPool(8);

    @BeforeEach
    void store() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + hostAndPort(server) + "/?serverSelectionTimeoutMS=2000");
        messages = client.getDatabase("chat").getCollection("messages");
        messages.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
        inserts = new GroupedInserts(messages);
    }

    @AfterEach
    void stop() {
        senders.shutdownNow();
        client.close();
        server.shutdownNow();
    }

    @Test
    void aSendAloneIsWrittenAtOnce() {
        assertEquals(Outcome.INSERTED, inserts.insert(message("room-1", 1, "ana|a")));
        assertEquals(1, inserts.requests());
        assertEquals(1, messages.countDocuments());
    }

    @Test
    void sendsThatWaitTogetherAreOneRequestAndATakenKeyIsToldOnlyToItsSender() throws Exception {
        assertEquals(Outcome.INSERTED, inserts.insert(message("room-1", 1, "ana|a")));
        List<Document> waiting = List.of(
                message("room-1", 2, "ana|b"),
                message("room-2", 1, "bia|a"),
                message("room-1", 1, "caio|a"),   // seq 1 of room-1 is taken: another server got there first
                message("room-3", 1, "ana|a"),    // a retry: its idempotency key is taken
                message("room-4", 1, "davi|a"),
                message("room-5", 1, "eva|a"));

        List<Future<Outcome>> outcomes = new ArrayList<>();
        inserts.turn.lock(); // a write under way: the sends queue behind it
        try {
            for (Document message : waiting) {
                outcomes.add(senders.submit(() -> inserts.insert(message)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> inserts.queued() == waiting.size());
        } finally {
            inserts.turn.unlock();
        }

        List<Outcome> told = new ArrayList<>();
        for (Future<Outcome> outcome : outcomes) {
            told.add(outcome.get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(Outcome.INSERTED, Outcome.INSERTED, Outcome.DUPLICATE_KEY, Outcome.DUPLICATE_KEY,
                Outcome.INSERTED, Outcome.INSERTED), told);
        assertEquals(2, inserts.requests(), "the first send, then the six that waited");
        assertEquals(5, messages.countDocuments());
        assertEquals("ana", messages.find(new Document("_id", "room-1:1")).first().getString("senderId"));
    }

    @Test
    void everySenderOfABatchLearnsThatTheStoreIsAway() throws Exception {
        server.shutdownNow();
        List<Future<Outcome>> outcomes = new ArrayList<>();
        inserts.turn.lock();
        try {
            for (int i = 1; i <= 3; i++) {
                Document message = message("room-" + i, 1, "ana|" + i);
                outcomes.add(senders.submit(() -> inserts.insert(message)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> inserts.queued() == 3);
        } finally {
            inserts.turn.unlock();
        }
        for (Future<Outcome> outcome : outcomes) {
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> outcome.get(60, TimeUnit.SECONDS));
            assertEquals(true, failure.getCause() instanceof MongoException, failure.getCause().toString());
        }
    }

    private static Document message(String roomId, long seq, String idempotencyKey) {
        return new Document("_id", roomId + ":" + seq).append("roomId", roomId).append("seq", seq)
                .append("senderId", idempotencyKey.substring(0, idempotencyKey.indexOf('|')))
                .append("idempotencyKey", idempotencyKey);
    }

    private static String hostAndPort(MongoServer server) {
        var address = server.bind();
        return address.getHostString() + ":" + address.getPort();
    }
}
