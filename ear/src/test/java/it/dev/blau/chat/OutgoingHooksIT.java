package it.dev.blau.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;

/**
 * Outgoing webhooks: a room's messages go, signed, to a receiver (here a small HTTP server of
 * the test, on the one loopback port the test server's configuration allows). A receiver that
 * fails a few times gets the message once it recovers; one that refuses it leaves a failed
 * delivery the room's owner can retry; private and metadata addresses are refused.
 */
class OutgoingHooksIT {

    static final Chat CHAT = new Chat(Api.underTest());
    /** chat.hooks.allowed-targets of the test server (ear/pom.xml): 127.0.0.1 on this port only. */
    static final int RECEIVER_PORT = 47619;
    static final Duration WAIT = Duration.ofSeconds(60);

    record Received(String delivery, String timestamp, String signature, String body, int answered) {
        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final Queue<Integer> answers = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", RECEIVER_PORT), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer next = answers.poll();
            int status = next == null ? 200 : next;
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Blau-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Blau-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Blau-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @BeforeEach
    void freshReceiver() {
        received.clear();
        answers.clear();
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheMatchingMessageOnce() {
        ChatUser owner = CHAT.newUser("oown");
        String room = CHAT.createRoom(owner, "public");
        JsonObject hook = create(owner, room, "{\"url\":\"http://127.0.0.1:" + RECEIVER_PORT + "/hook\",\"trigger\":\"keyword\",\"keyword\":\"Deploy\"}");
        answers.addAll(List.of(500, 503, 500));

        assertEquals(201, CHAT.send(owner, room, "o1", "hello there").status());
        assertEquals(201, CHAT.send(owner, room, "o2", "deploy of v2 starts now").status());

        Awaitility.await().atMost(WAIT).until(() -> received.stream().anyMatch(r -> r.answered() == 200));
        assertEquals(List.of(500, 503, 500, 200), received.stream().map(Received::answered).toList());
        assertEquals(1, received.stream().map(Received::delivery).distinct().count(), "one delivery, tried four times");
        Received last = received.get(3);
        assertEquals(IncomingHooksIT.sign(hook.getString("secret"), Long.parseLong(last.timestamp()), last.body()), last.signature());
        JsonObject payload = last.json();
        assertEquals("message.sent", payload.getString("type"));
        assertEquals(room, payload.getJsonObject("room").getString("id"));
        assertEquals("deploy of v2 starts now", payload.getJsonObject("message").getString("text"));

        // The receiver has answered before the server records the answer: wait for the record.
        JsonObject delivered = Awaitility.await().atMost(WAIT)
                .until(() -> deliveries(owner, room, hook, "delivered"), list -> list.size() == 1).get(0);
        assertEquals(4, delivered.getInt("attempts"));
        assertEquals(0, deliveries(owner, room, hook, "pending").size(), "nothing more to send");
    }

    @Test
    void aRefusedDeliveryIsKeptAsFailedUntilTheOwnerRetriesIt() {
        ChatUser owner = CHAT.newUser("oretry");
        String room = CHAT.createRoom(owner, "private");
        JsonObject hook = create(owner, room, "{\"url\":\"http://127.0.0.1:" + RECEIVER_PORT + "/hook\",\"trigger\":\"all\"}");
        answers.add(400);
        assertEquals(201, CHAT.send(owner, room, "r1", "release notes").status());

        JsonObject failed = Awaitility.await().atMost(WAIT)
                .until(() -> deliveries(owner, room, hook, "failed"), list -> list.size() == 1).get(0);
        assertEquals(400, failed.getInt("lastStatus"));
        JsonObject listed = CHAT.call("GET", owner, "/rooms/" + room + "/outgoing-hooks", null).json()
                .getJsonArray("hooks").getJsonObject(0);
        assertEquals(1, listed.getInt("failed"));

        Api.Answer retried = CHAT.call("POST", owner, "/rooms/" + room + "/outgoing-hooks/" + hook.getString("id")
                + "/deliveries/" + failed.getJsonNumber("id") + "/retry", null);
        assertEquals(202, retried.status(), retried::toString);
        Awaitility.await().atMost(WAIT).until(() -> deliveries(owner, room, hook, "delivered").size() == 1);
        assertEquals(List.of(400, 200), received.stream().map(Received::answered).toList());
        assertEquals(404, CHAT.call("POST", owner, "/rooms/" + room + "/outgoing-hooks/" + hook.getString("id")
                + "/deliveries/" + failed.getJsonNumber("id") + "/retry", null).status(), "delivered: nothing to retry");
    }

    @Test
    void loopbackPrivateAndMetadataTargetsAreRefused() {
        ChatUser owner = CHAT.newUser("ossrf");
        ChatUser member = CHAT.newUser("omem");
        String room = CHAT.createRoom(owner, "private", member);
        for (String url : List.of("http://127.0.0.1:9080/api/v1/chat/rooms", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:" + RECEIVER_PORT + "/hook", "http://10.0.0.7/", "http://localhost:9080/", "ftp://127.0.0.1:" + RECEIVER_PORT + "/")) {
            Api.Answer refused = CHAT.call("POST", owner, "/rooms/" + room + "/outgoing-hooks",
                    "{\"url\":\"" + url + "\",\"trigger\":\"all\"}");
            assertEquals(400, refused.status(), url + ": " + refused);
            assertTrue(refused.body().contains("target-refused"), refused::toString);
        }
        assertEquals(403, CHAT.call("POST", member, "/rooms/" + room + "/outgoing-hooks",
                "{\"url\":\"http://127.0.0.1:" + RECEIVER_PORT + "/hook\",\"trigger\":\"all\"}").status());
        assertEquals(400, CHAT.call("POST", owner, "/rooms/" + room + "/outgoing-hooks",
                "{\"url\":\"http://127.0.0.1:" + RECEIVER_PORT + "/hook\",\"trigger\":\"keyword\"}").status(), "no keyword");
    }

    private static JsonObject create(ChatUser owner, String room, String body) {
        Api.Answer created = CHAT.call("POST", owner, "/rooms/" + room + "/outgoing-hooks", body);
        assertEquals(201, created.status(), created::toString);
        assertEquals("no-store", created.header("Cache-Control"));
        return created.json();
    }

    private static List<JsonObject> deliveries(ChatUser owner, String room, JsonObject hook, String state) {
        Api.Answer answer = CHAT.call("GET", owner, "/rooms/" + room + "/outgoing-hooks/" + hook.getString("id")
                + "/deliveries?state=" + state, null);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("deliveries").getValuesAs(JsonObject.class);
    }
}
