package dev.blau.chat.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import org.junit.jupiter.api.Test;

import dev.blau.chat.callers.Caller;

/** What piles up behind a send goes out as one batch frame, in order, for clients that asked for batches; a client that takes nothing is let go. */
class ConnectionTest {

    @Test
    void framesQueuedBehindASendGoOutAsOneBatchInOrder() {
        ManualSocket socket = new ManualSocket();
        Connection connection = socket.connection(true);
        connection.send(frame(1)); // goes at once, and stays in flight
        for (int i = 2; i <= 5; i++) {
            connection.send(frame(i));
        }
        assertEquals(1, socket.sent.size(), "one send at a time");
        socket.completeNext();
        assertEquals(2, socket.sent.size());
        JsonObject batch = parse(socket.sent.get(1));
        assertEquals("batch", batch.getString("type"));
        assertEquals(List.of(2, 3, 4, 5), batch.getJsonArray("frames").stream()
                .map(JsonValue::asJsonObject).map(f -> f.getInt("n")).toList());
        assertEquals(0, connection.backlogBytes());
        socket.completeNext();
        assertEquals(2, socket.sent.size(), "nothing left to send");
    }

    @Test
    void aClientThatDidNotAskForBatchesGetsEveryFrameAlone() {
        ManualSocket socket = new ManualSocket();
        Connection connection = socket.connection(false);
        IntStream.rangeClosed(1, 4).forEach(i -> connection.send(frame(i)));
        while (socket.pending()) {
            socket.completeNext();
        }
        assertEquals(List.of(1, 2, 3, 4), socket.sent.stream().map(ConnectionTest::parse).map(f -> f.getInt("n")).toList());
    }

    @Test
    void aBatchStaysWithinItsByteLimitAndABigFrameGoesAlone() {
        ManualSocket socket = new ManualSocket();
        Connection connection = socket.connection(true);
        String padding = "x".repeat(1000);
        connection.send(frame(0));
        int count = 3 * Connection.BATCH_LIMIT_BYTES / 1000;
        for (int i = 1; i <= count; i++) {
            connection.send(OutgoingFrame.of("{\"type\":\"t\",\"n\":" + i + ",\"p\":\"" + padding + "\"}"));
        }
        String big = "{\"type\":\"t\",\"n\":" + (count + 1) + ",\"p\":\"" + "y".repeat(Connection.BATCH_LIMIT_BYTES) + "\"}";
        connection.send(OutgoingFrame.of(big));
        while (socket.pending()) {
            socket.completeNext();
        }
        List<Integer> seen = new ArrayList<>();
        for (String text : socket.sent.subList(1, socket.sent.size())) {
            JsonObject sent = parse(text);
            if ("batch".equals(sent.getString("type"))) {
                // the frames inside a batch count against the limit; the wrapper adds a few bytes
                assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= Connection.BATCH_LIMIT_BYTES + 64, "batch within the limit");
                sent.getJsonArray("frames").forEach(f -> seen.add(f.asJsonObject().getInt("n")));
            } else {
                seen.add(sent.getInt("n"));
            }
        }
        assertEquals(IntStream.rangeClosed(1, count + 1).boxed().toList(), seen, "every frame once, in order");
        assertEquals(big, socket.sent.get(socket.sent.size() - 1), "the big frame as it was");
        assertTrue(socket.sent.size() >= 4, "split into several batches");
    }

    @Test
    void aClientThatHasNotTakenAFrameWithinTheSendTimeoutIsClosedWhenTheNextFrameComes() {
        ManualSocket socket = new ManualSocket();
        Connection connection = socket.connection(false, Duration.ofSeconds(30));
        long[] now = {0};
        connection.clock = () -> now[0];
        connection.send(frame(1)); // in flight, and the client takes nothing
        now[0] = Duration.ofSeconds(30).toNanos();
        connection.send(frame(2));
        assertFalse(socket.closed, "30 s is still in time");
        now[0] = Duration.ofSeconds(31).toNanos();
        connection.send(frame(3));

        assertTrue(socket.closed, "closed");
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, socket.closeReason.getCloseCode());
        assertTrue(socket.closeReason.getReasonPhrase().startsWith("too slow"), socket.closeReason::getReasonPhrase);
        assertEquals(0, connection.backlogBytes(), "what was queued for it is let go");
    }

    @Test
    void aClientThatTakesItsFramesInTimeStaysOpen() {
        ManualSocket socket = new ManualSocket();
        Connection connection = socket.connection(false, Duration.ofMinutes(5));
        connection.send(frame(1));
        connection.send(frame(2));
        socket.completeNext();
        connection.send(frame(3));

        assertFalse(socket.closed);
        assertEquals(2, socket.sent.size());
    }

    private static OutgoingFrame frame(int n) {
        return OutgoingFrame.of("{\"type\":\"t\",\"n\":" + n + "}");
    }

    private static JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** A WebSocket session whose sends complete only when the test says so. */
    static final class ManualSocket {
        final List<String> sent = new ArrayList<>();
        private final List<SendHandler> inFlight = new ArrayList<>();
        boolean closed;
        CloseReason closeReason;

        Connection connection(boolean batching) {
            return connection(batching, Duration.ZERO);
        }

        Connection connection(boolean batching, Duration sendTimeout) {
            RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            sent.add((String) args[0]);
                            inFlight.add((SendHandler) args[1]);
                        }
                        return null;
                    });
            Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAsyncRemote" -> async;
                        case "isOpen" -> !closed;
                        case "close" -> {
                            closed = true;
                            closeReason = args == null ? null : (CloseReason) args[0];
                            yield null;
                        }
                        default -> null;
                    });
            return new Connection("c", session, new Caller("u", "u", "u", false, false, "s", false), Runnable::run, batching,
                    new FrameBudget(1_000, 1_000), sendTimeout);
        }

        boolean pending() {
            return !inFlight.isEmpty();
        }

        void completeNext() {
            inFlight.remove(0).onResult(new SendResult());
        }
    }
}
