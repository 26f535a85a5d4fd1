package dev.blau.chat.store;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * The MongoDB client for messages. Writes are acknowledged by a majority (on a replica set),
 * because an ack to a chat client means the message is durable. Short server-selection
 * timeouts make an outage a fast error, not a hung request.
 */
@ApplicationScoped
public class MongoClientProducer {

    @Inject
    @ConfigProperty(name = "mongodb.uri")
    String uri;

    @Inject
    @ConfigProperty(name = "mongodb.database")
    String databaseName;

    @Produces
    @ApplicationScoped
    MongoClient mongoClient() {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applicationName("blau-chat-app")
                .applyToClusterSettings(c -> c.serverSelectionTimeout(3, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(3, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS));
        if (connection.getWriteConcern() == null) {
            settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        return MongoClients.create(settings.build());
    }

    @Produces
    @ApplicationScoped
    MongoDatabase database(MongoClient client) {
        return client.getDatabase(databaseName);
    }

    void close(@Disposes MongoClient client) {
        client.close();
    }
}
