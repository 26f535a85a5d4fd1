package dev.blau.chat.files.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 store against a real S3 protocol server in this JVM (S3Proxy, in memory), with
 * signed requests as AWS and MinIO expect them: the same calls the GridFS store answers in FilesIT.
 */
class S3BlobStoreTest {

    private static final String ACCESS_KEY = "blau-test";
    private static final String SECRET_KEY = "blau-test-secret";

    private static S3Proxy server;
    private static S3BlobStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                .overrides(new Properties()).build(BlobStoreContext.class);
        server = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        server.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> AbstractLifeCycle.STARTED.equals(server.getState()));
        store = new S3BlobStore(URI.create("http://127.0.0.1:" + server.getPort()), "us-east-1", "blau-files",
                ACCESS_KEY, SECRET_KEY);
        store.ensureBucket();
        store.ensureBucket(); // a second server finds it there
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        server.stop();
    }

    @Test
    void keepsBytesAndServesThemWholeOrByRange() throws IOException {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        store.put("f1", java.nio.file.Files.write(dir.resolve("f1"), content), "application/octet-stream");

        assertArrayEquals(content, read(store.open("f1", 0, -1)));
        assertArrayEquals(Arrays.copyOfRange(content, 1000, 1100), read(store.open("f1", 1000, 100)));
        assertArrayEquals(Arrays.copyOfRange(content, 299_990, 300_000), read(store.open("f1", 299_990, -1)));
        assertArrayEquals(new byte[0], read(store.open("f1", 5, 0)));
    }

    @Test
    void aDeletedBlobIsGoneAndDeletingAgainIsFine() throws IOException {
        store.put("f2", java.nio.file.Files.write(dir.resolve("f2"), new byte[]{1, 2, 3}), "text/plain");
        store.delete("f2");
        store.delete("f2");
        assertThrows(MissingBlobException.class, () -> store.open("f2", 0, -1));
    }

    @Test
    void wrongKeysAreRefused() throws IOException {
        try (S3BlobStore intruder = new S3BlobStore(URI.create("http://127.0.0.1:" + server.getPort()), "us-east-1",
                "blau-files", ACCESS_KEY, "not-the-secret")) {
            Path file = java.nio.file.Files.write(dir.resolve("f3"), new byte[]{1});
            assertThrows(IOException.class, () -> intruder.put("f3", file, "text/plain"));
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
