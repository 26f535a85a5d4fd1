package dev.blau.chat.access.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.sun.net.httpserver.HttpServer;

/** The realm's key set against a real HTTP endpoint that answers, then hangs like a Keycloak too busy to answer. */
class RealmKeysTest {

    private static final long TIME_TO_LIVE_MILLIS = 3_000;
    private static final int FETCH_TIMEOUT_MILLIS = 200;

    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch hang = new CountDownLatch(1);
    private volatile boolean hanging;
    private HttpServer keycloak;
    private JWKSource<SecurityContext> keys;
    private RSAKey key;

    @BeforeEach
    void serveKeys() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("realm-key").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        keycloak = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keycloak.setExecutor(Executors.newCachedThreadPool());
        keycloak.createContext("/certs", exchange -> {
            requests.incrementAndGet();
            if (hanging) {
                try {
                    hang.await(); // answers nothing until the test ends: every fetch times out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        keycloak.start();
        URL certs = new URL("http://127.0.0.1:" + keycloak.getAddress().getPort() + "/certs");
        keys = IdentityTokens.realmKeys(certs, TIME_TO_LIVE_MILLIS, FETCH_TIMEOUT_MILLIS, Executors.defaultThreadFactory());
    }

    @AfterEach
    void stop() throws IOException {
        ((Closeable) keys).close();
        hang.countDown();
        keycloak.stop(0);
    }

    @Test
    void nothingIsFetchedWhileNothingIsVerifiedAndTheFirstVerificationAfterwardsFetchesAgain() throws Exception {
        assertEquals(List.of(key.toPublicJWK()), realmKey());
        assertEquals(1, requests.get());

        // idle sockets verify nothing: past the keys' time to live, still the one request
        await().during(Duration.ofMillis(TIME_TO_LIVE_MILLIS + 1_000)).atMost(Duration.ofMillis(3 * TIME_TO_LIVE_MILLIS))
                .until(() -> requests.get() == 1);
        assertEquals(List.of(key.toPublicJWK()), realmKey());
        assertEquals(2, requests.get());
    }

    @Test
    void whileKeycloakHangsTheKeysItPublishedLastGoOnVerifyingPastTheirTimeToLive() throws Exception {
        assertEquals(List.of(key.toPublicJWK()), realmKey());
        hanging = true;
        int before = requests.get();

        // twice the time to live, asked every 100 ms: never refused, never without the key
        await().during(Duration.ofMillis(2 * TIME_TO_LIVE_MILLIS)).atMost(Duration.ofMillis(4 * TIME_TO_LIVE_MILLIS))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> realmKey().equals(List.of(key.toPublicJWK())));
        // and it did try again meanwhile
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() > before);
    }

    @Test
    void verificationsThatArriveTogetherAfterAnIdleSpellWhileKeycloakHangsAllGetTheKeysItPublishedLast()
            throws Exception {
        assertEquals(List.of(key.toPublicJWK()), realmKey());
        await().during(Duration.ofMillis(TIME_TO_LIVE_MILLIS + 500)).atMost(Duration.ofMillis(3 * TIME_TO_LIVE_MILLIS))
                .until(() -> requests.get() == 1); // idle until the keys have expired
        hanging = true;

        // one of them fetches (and times out, twice); the others wait for it rather than being refused
        ExecutorService frames = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<JWK>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(frames.submit(this::realmKey));
            }
            for (Future<List<JWK>> answer : answers) {
                assertEquals(List.of(key.toPublicJWK()), answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            frames.shutdownNow();
        }
        assertTrue(requests.get() > 1, "Keycloak was asked again");
    }

    private List<JWK> realmKey() throws Exception {
        return keys.get(new JWKSelector(new JWKMatcher.Builder().keyID("realm-key").build()), null);
    }
}
