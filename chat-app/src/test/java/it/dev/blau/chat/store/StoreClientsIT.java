package it.dev.blau.chat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import dev.blau.common.persistence.DatabaseSchema;
import redis.clients.jedis.UnifiedJedis;

/**
 * In-container: chat-app's CDI producers and its schema migration, inside a real Liberty
 * server, against the real local stack. The deployment is the packaged chat-app WAR under
 * another name, plus this test.
 */
@ExtendWith(ArquillianExtension.class)
class StoreClientsIT {

    @Deployment
    static WebArchive chatAppWithThisTest() {
        return ShrinkWrap.create(WebArchive.class, "chat-app-in-container.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/chat-app.war")))
                .addClass(StoreClientsIT.class);
    }

    @Inject
    MongoDatabase database;

    @Inject
    UnifiedJedis redis;

    @Inject
    DatabaseSchema schema;

    @Test
    void theProducedMongoDatabaseStoresAndFindsDocuments() {
        MongoCollection<Document> collection = database.getCollection("it_" + UUID.randomUUID());
        try {
            collection.insertOne(new Document("roomId", "r1").append("seq", 1L).append("text", "hello"));

            Document found = collection.find(Filters.eq("roomId", "r1")).first();

            assertEquals("hello", found.getString("text"));
            assertEquals(1L, found.getLong("seq"));
        } finally {
            collection.drop();
        }
    }

    @Test
    void theProducedRedisPoolSetsKeysWithAnExpiry() {
        String key = "it:" + UUID.randomUUID();
        try {
            redis.setex(key, 60, "online");

            assertEquals("online", redis.get(key));
            long ttl = redis.ttl(key);
            assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);
        } finally {
            redis.del(key);
        }
    }

    @Test
    void flywayMigratedTheChatSchema() throws SQLException {
        assertTrue(schema.ensureMigrated(), () -> "not migrated: " + schema.lastError());

        Set<String> tables = new HashSet<>();
        try (Connection connection = schema.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'chat'");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        assertTrue(tables.containsAll(Set.of("room", "room_member", "flyway_schema_history")), () -> "tables " + tables);
    }
}
