package dev.blau.stack.mongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local store with BSON maps: what is written reads back the same, also after a restart. */
class BsonH2BackendTest {

    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient client;

    @AfterEach
    void stop() {
        close();
    }

    @Test
    void documentsOfEveryBsonTypeReadBackAsWrittenAfterARestart() throws Exception {
        Document written = new Document("_id", "room-1:1")
                .append("seq", 1L)
                .append("count", 7)
                .append("ratio", 0.5)
                .append("price", Decimal128.parse("12.30"))
                .append("sentAt", new Date(1_764_000_000_000L))
                .append("author", new ObjectId("64b7f0c2a1b2c3d4e5f60718"))
                .append("bytes", new Binary(new byte[] {1, 2, 3}))
                .append("reactions", List.of(new Document("emoji", "👍").append("userIds", List.of("u1", "u2"))))
                .append("replyTo", new Document("seq", 0L).append("excerpt", "olá, ação"))
                .append("deleted", false)
                .append("editedAt", null);
        messages(open()).insertOne(written);
        close();

        Document read = messages(open()).find(Filters.eq("_id", "room-1:1")).first();
        assertEquals(written, read);
    }

    @Test
    void documentsAndIndexKeysAreStoredAsBson() throws Exception {
        MongoCollection<Document> messages = messages(open());
        messages.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true).name("idempotency"));
        messages.insertOne(new Document("_id", "r:1").append("text", "oi").append("idempotencyKey", "r|u|a"));
        close();

        // read back with the BSON type alone: bytes written any other way would not decode
        MVStore store = new MVStore.Builder().fileName(dir.resolve(StoreFiles.FILE).toString()).readOnly().open();
        try {
            MVMap<Object, byte[]> documents = BsonMaps.open(store, "databases.blau.messages");
            assertEquals("oi", EncodedDocuments.decode(documents.get("r:1")).get("text"));
            MVMap<KeyValue, Object> index = BsonMaps.open(store, "blau.messages._index_idempotency");
            assertEquals("r:1", index.get(new KeyValue("r|u|a")));
        } finally {
            store.close();
        }
    }

    @Test
    void documentsWrittenAsObjectsByTheEarlierLayoutReadBackAndChange() throws Exception {
        messages(open()).insertOne(new Document("_id", "r:1").append("seq", 1L).append("text", "antes"));
        close();
        // the same documents as the earlier layout wrote them: BsonDataType values, objects in memory
        MVStore store = MVStore.open(dir.resolve(StoreFiles.FILE).toString());
        MVMap<Object, byte[]> current = BsonMaps.open(store, "databases.blau.messages");
        java.util.Map<Object, Object> documents = new java.util.LinkedHashMap<>();
        current.forEach((id, bson) -> documents.put(id, EncodedDocuments.decode(bson)));
        store.removeMap(current);
        store.openMap("databases.blau.messages", new MVMap.Builder<Object, Object>()
                .keyType(BsonDataType.INSTANCE).valueType(BsonDataType.INSTANCE)).putAll(documents);
        store.close();

        MongoCollection<Document> messages = messages(open());
        assertEquals("antes", messages.find(Filters.eq("_id", "r:1")).first().getString("text"));
        messages.updateOne(Filters.eq("_id", "r:1"), com.mongodb.client.model.Updates.set("text", "depois"));
        messages.insertOne(new Document("_id", "r:2").append("seq", 2L).append("text", "novo"));
        close();

        assertEquals(List.of("depois", "novo"), messages(open()).find().sort(Sorts.ascending("seq"))
                .map(document -> document.getString("text")).into(new java.util.ArrayList<>()));
    }

    @Test
    void aConditionByIdBesideOthersReadsOnlyTheDocumentsTheIdNames() throws Exception {
        MongoCollection<Document> messages = messages(open());
        messages.insertOne(new Document("_id", "r:1").append("seq", 1L).append("text", "antes"));
        messages.insertOne(new Document("_id", "r:2").append("seq", 2L).append("text", "outro").append("version", 3L));
        close();
        // a document nothing can read: any query that reads the whole collection fails on it
        MVStore store = MVStore.open(dir.resolve(StoreFiles.FILE).toString());
        BsonMaps.open(store, "databases.blau.messages").put("r:unreadable", new byte[] {1, 2, 3});
        store.close();

        MongoCollection<Document> reopened = messages(open());
        assertThrows(MongoException.class, () -> reopened.find(Filters.eq("text", "nenhum")).first());
        // as a change of a message: only over the version it was read at
        assertEquals(1, reopened.updateOne(Filters.and(Filters.eq("_id", "r:1"),
                        Filters.or(Filters.eq("version", 0L), Filters.exists("version", false))),
                Updates.combine(Updates.set("text", "depois"), Updates.set("version", 4L))).getModifiedCount());
        assertEquals(0, reopened.updateOne(Filters.and(Filters.eq("_id", "r:2"), Filters.eq("version", 2L)),
                Updates.set("text", "perdido")).getMatchedCount());
        assertEquals(List.of("r:2"), reopened.find(Filters.and(Filters.in("_id", List.of("r:1", "r:2")), Filters.eq("seq", 2L)))
                .map(document -> document.getString("_id")).into(new java.util.ArrayList<>()));
        assertEquals(List.of("depois", "outro"), reopened.find(Filters.in("_id", List.of("r:1", "r:2"))).sort(Sorts.ascending("seq"))
                .map(document -> document.getString("text")).into(new java.util.ArrayList<>()));
    }

    @Test
    void aLookupByIdsGivesEachNamedDocumentOnceWithItsProjectionAndOrder() throws Exception {
        MongoCollection<Document> messages = messages(open());
        List<Document> stored = new java.util.ArrayList<>();
        for (long seq = 1; seq <= 2_000; seq++) {
            stored.add(new Document("_id", "r:" + seq).append("seq", seq).append("senderId", "u" + seq % 3)
                    .append("text", "mensagem " + seq));
        }
        messages.insertMany(stored);

        List<String> named = new java.util.ArrayList<>();
        for (long seq = 2_000; seq >= 1; seq--) {
            named.add("r:" + seq);
        }
        named.add("r:7"); // named twice
        named.add("r:ausente"); // not stored
        List<Document> found = messages.find(Filters.in("_id", named))
                .projection(com.mongodb.client.model.Projections.include("seq", "senderId"))
                .sort(Sorts.ascending("seq")).into(new java.util.ArrayList<>());
        assertEquals(2_000, found.size());
        for (int i = 0; i < found.size(); i++) {
            Document message = found.get(i);
            assertEquals(i + 1L, message.getLong("seq"));
            assertEquals("r:" + (i + 1), message.getString("_id"));
            assertEquals("u" + (i + 1) % 3, message.getString("senderId"));
            assertFalse(message.containsKey("text"));
        }
        // beside another condition, that one is still matched on every document the ids name
        List<Document> bySender = messages.find(Filters.and(Filters.in("_id", named), Filters.eq("senderId", "u1")))
                .sort(Sorts.ascending("seq")).into(new java.util.ArrayList<>());
        assertEquals(667, bySender.size());
        assertTrue(bySender.stream().allMatch(message -> message.getLong("seq") % 3 == 1));
        assertEquals(1L, bySender.get(0).getLong("seq"));
        assertEquals(List.of("mensagem 42"), messages.find(Filters.eq("_id", "r:42"))
                .map(document -> document.getString("text")).into(new java.util.ArrayList<>()));
        assertEquals(List.of(3L, 2L), messages.find(Filters.in("_id", List.of("r:2", "r:3"))).sort(Sorts.descending("seq"))
                .limit(2).map(document -> document.getLong("seq")).into(new java.util.ArrayList<>()));
        assertEquals(0, messages.countDocuments(Filters.in("_id", List.of("r:0", "r:2001"))));
    }

    @Test
    void aStoredDocumentIsWrittenByteForByteAsTheEarlierLayoutWroteIt() {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", "r:9")
                .append("seq", 9L).append("text", "olá").append("mentions", List.of("u1"));
        WriteBuffer earlier = new WriteBuffer();
        BsonDataType.INSTANCE.write(earlier, document);
        WriteBuffer now = new WriteBuffer();
        EncodedDocuments.INSTANCE.write(now, EncodedDocuments.encode(document));
        assertEquals(earlier.getBuffer().flip(), now.getBuffer().flip());
        assertEquals(document, EncodedDocuments.decode(EncodedDocuments.INSTANCE.read(earlier.getBuffer())));
    }

    @Test
    void theDataSizeFollowsInsertsUpdatesAndDeletes() throws Exception {
        MongoClient client = open();
        MongoCollection<Document> messages = messages(client);
        Document first = new Document("_id", "r:1").append("text", "a");
        Document second = new Document("_id", "r:2").append("text", "bb");
        messages.insertOne(first);
        messages.insertOne(second);
        messages.updateOne(Filters.eq("_id", "r:1"), com.mongodb.client.model.Updates.set("text", "a longer text"));
        messages.deleteOne(Filters.eq("_id", "r:2"));
        close();

        Document stats = open().getDatabase("blau").runCommand(new Document("collStats", "messages"));
        int expected = org.bson.RawBsonDocument.parse(new Document("_id", "r:1").append("text", "a longer text").toJson())
                .getByteBuffer().remaining();
        assertEquals(expected, stats.get("size", Number.class).intValue());
        assertEquals(1, stats.get("count", Number.class).intValue());
    }

    @Test
    void stringsAndKeysOfStringsAreWrittenAsTheEncoderWritesThem() {
        List<Object> values = List.of("", "r:1", "olá, ação 👍", "x".repeat(300),
                new KeyValue("r|u|a"), new KeyValue("", "b"),
                new KeyValue("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"), // names "10", "11"
                new KeyValue("room", 3L), new KeyValue("room", Missing.getInstance()), 42L);
        for (Object value : values) {
            WriteBuffer direct = new WriteBuffer();
            BsonDataType.INSTANCE.write(direct, value);
            WriteBuffer encoded = new WriteBuffer();
            BsonDataType.writeEncoded(encoded, value);
            assertEquals(encoded.getBuffer().flip(), direct.getBuffer().flip(), () -> "bytes of " + value);
            assertEquals(value, BsonDataType.INSTANCE.read(direct.getBuffer()));
        }
    }

    @Test
    void aKeyWithAMissingFieldReadsBackMissing() {
        WriteBuffer buffer = new WriteBuffer();
        KeyValue key = new KeyValue("room", Missing.getInstance(), 3L);
        BsonDataType.INSTANCE.write(buffer, key);
        BsonDataType.INSTANCE.write(buffer, Missing.getInstance());
        java.nio.ByteBuffer bytes = buffer.getBuffer().flip();
        assertEquals(key, BsonDataType.INSTANCE.read(bytes));
        assertEquals(Missing.getInstance(), BsonDataType.INSTANCE.read(bytes));
        assertTrue(BsonDataType.INSTANCE.compare(Missing.getInstance(), "a") < 0);
        assertTrue(BsonDataType.INSTANCE.compare(new KeyValue("a", 1L), new KeyValue("a", 2L)) < 0);
    }

    @Test
    void uniqueIndexesRefuseDuplicatesBeforeAndAfterARestart() throws Exception {
        MongoCollection<Document> messages = messages(open());
        messages.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
        messages.insertOne(new Document("_id", "r:1").append("idempotencyKey", "r|u|a"));
        assertDuplicate(() -> messages.insertOne(new Document("_id", "r:2").append("idempotencyKey", "r|u|a")));
        assertDuplicate(() -> messages.insertOne(new Document("_id", "r:1").append("idempotencyKey", "r|u|b")));
        close();

        MongoCollection<Document> reopened = messages(open());
        assertDuplicate(() -> reopened.insertOne(new Document("_id", "r:3").append("idempotencyKey", "r|u|a")));
        assertEquals("r:1", reopened.find(Filters.eq("idempotencyKey", "r|u|a")).first().get("_id"));
        reopened.insertOne(new Document("_id", "r:3").append("idempotencyKey", "r|u|c"));
        assertEquals(2, reopened.countDocuments());
    }

    @Test
    void anUnorderedInsertOfManyStoresAllButTheTakenKeysAndNamesThemByPlace() throws Exception {
        // what chat-app's group commit of sends relies on: each document judged alone
        MongoCollection<Document> messages = messages(open());
        messages.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
        messages.insertOne(new Document("_id", "r:1").append("idempotencyKey", "r|u|a"));
        MongoBulkWriteException refused = assertThrows(MongoBulkWriteException.class, () -> messages.insertMany(List.of(
                new Document("_id", "r:2").append("idempotencyKey", "r|u|b"),
                new Document("_id", "r:1").append("idempotencyKey", "r|u|c"),
                new Document("_id", "s:1").append("idempotencyKey", "r|u|a"),
                new Document("_id", "s:2").append("idempotencyKey", "s|u|a")), new InsertManyOptions().ordered(false)));
        assertEquals(List.of(1, 2), refused.getWriteErrors().stream().map(BulkWriteError::getIndex).toList());
        assertTrue(refused.getWriteErrors().stream()
                .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY));
        close();

        assertEquals(List.of("r:1", "r:2", "s:2"), messages(open()).find().sort(Sorts.ascending("_id"))
                .map(document -> document.getString("_id")).into(new java.util.ArrayList<>()));
    }

    @Test
    void aSparseUniqueIndexKeepsDocumentsWithoutTheFieldApart() throws Exception {
        MongoCollection<Document> users = open().getDatabase("blau").getCollection("users");
        users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).sparse(true));
        users.insertOne(new Document("_id", 1L));
        users.insertOne(new Document("_id", 2L));
        users.insertOne(new Document("_id", 3L).append("email", "a@example.org"));
        assertDuplicate(() -> users.insertOne(new Document("_id", 4L).append("email", "a@example.org")));
        close();

        MongoCollection<Document> reopened = open().getDatabase("blau").getCollection("users");
        assertEquals(List.of(1L, 2L, 3L), reopened.find().sort(Sorts.ascending("_id"))
                .map(document -> document.getLong("_id")).into(new java.util.ArrayList<>()));
        reopened.insertOne(new Document("_id", 5L));
        assertDuplicate(() -> reopened.insertOne(new Document("_id", 6L).append("email", "a@example.org")));
    }

    @Test
    void aStoreWrittenWithTheDefaultTypesIsCopiedOnceAndKept() throws Exception {
        Path earlier = dir.resolve(StoreFiles.EARLIER_FILE);
        MongoServer old = new MongoServer(new H2Backend(earlier.toString()));
        String address = "mongodb://" + hostAndPort(old.bind());
        try (MongoClient oldClient = MongoClients.create(address)) {
            MongoCollection<Document> messages = oldClient.getDatabase("blau").getCollection("messages");
            messages.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
            for (long seq = 1; seq <= 25; seq++) {
                messages.insertOne(new Document("_id", "r:" + seq).append("seq", seq).append("idempotencyKey", "k" + seq));
            }
        }
        old.shutdownNow();

        MongoCollection<Document> messages = messages(open());
        assertEquals(25, messages.countDocuments());
        assertEquals(17L, messages.find(Filters.eq("idempotencyKey", "k17")).first().getLong("seq"));
        assertDuplicate(() -> messages.insertOne(new Document("_id", "r:26").append("idempotencyKey", "k3")));
        assertFalse(Files.exists(earlier));
        assertTrue(Files.exists(dir.resolve(StoreFiles.EARLIER_FILE + StoreFiles.KEPT_SUFFIX)));
        assertTrue(Files.exists(dir.resolve(StoreFiles.FILE)));
        close();

        assertEquals(25, messages(open()).countDocuments()); // copied once: the kept file is not read again
    }

    private MongoClient open() throws Exception {
        server = new MongoServer(StoreFiles.open(dir));
        client = MongoClients.create("mongodb://" + hostAndPort(server.bind()));
        return client;
    }

    private void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    private static MongoCollection<Document> messages(MongoClient client) {
        return client.getDatabase("blau").getCollection("messages");
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static void assertDuplicate(Runnable insert) {
        MongoWriteException refused = assertThrows(MongoWriteException.class, insert::run);
        assertEquals(ErrorCategory.DUPLICATE_KEY, refused.getError().getCategory());
    }
}
