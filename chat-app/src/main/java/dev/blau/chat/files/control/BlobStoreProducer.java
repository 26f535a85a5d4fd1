package dev.blau.chat.files.control;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoDatabase;

/**
 * The blob store configuration chooses: {@code chat.files.store=gridfs} (default: the messages'
 * MongoDB) or {@code s3} with {@code chat.files.s3.*} (endpoint, region, bucket, keys).
 */
@ApplicationScoped
public class BlobStoreProducer {

    @Inject
    @ConfigProperty(name = "chat.files.store", defaultValue = "gridfs")
    String kind;

    @Inject
    Config config;

    @Inject
    MongoDatabase database;

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
        return switch (kind) {
            case "gridfs" -> new GridFsBlobStore(database);
            // read only when chosen: a GridFS deployment names no S3 setting
            case "s3" -> new S3BlobStore(config.getOptionalValue("chat.files.s3.endpoint", URI.class).orElse(null),
                    config.getOptionalValue("chat.files.s3.region", String.class).orElse("us-east-1"),
                    config.getOptionalValue("chat.files.s3.bucket", String.class).orElse("blau-files"),
                    config.getOptionalValue("chat.files.s3.access-key", String.class)
                            .orElseThrow(() -> unset("chat.files.s3.access-key")),
                    config.getOptionalValue("chat.files.s3.secret-key", String.class)
                            .orElseThrow(() -> unset("chat.files.s3.secret-key")));
            default -> throw new IllegalStateException("chat.files.store is gridfs or s3, not " + kind);
        };
    }

    private static IllegalStateException unset(String name) {
        return new IllegalStateException(name + " is not set, and chat.files.store is s3");
    }

    void close(@Disposes BlobStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
