package dev.blau.testing;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A real WebSocket client of chat-app (the JDK's): records every frame it receives, in
 * order, and how the connection closed. {@link #pause()} stops reading from the socket, as
 * a client that stops reading would. A socket opened with {@link #openBatching} asks for
 * {@code batch} frames and records the frames inside each one, in order.
 */
public final class ChatSocket implements WebSocket.Listener, AutoCloseable {

    public static final String ALLOWED_ORIGIN = "http://localhost:9080";
    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closeReason;
    private volatile Consumer<JsonObject> onFrame;
    private volatile boolean recording = true;
    private volatile boolean paused;
    private volatile int batches;
    private WebSocket socket;

    /** Opens {@code /api/v1/chat/ws?ticket=...}; throws when the handshake is refused. */
    public static ChatSocket open(URI base, String ticket, String origin) {
        return connect(Chat.socketUri(base, ticket, false), origin);
    }

    /** Opens {@code /api/v1/chat/ws?ticket=...&batch=1}: the server may combine frames into {@code batch} frames. */
    public static ChatSocket openBatching(URI base, String ticket, String origin) {
        return connect(Chat.socketUri(base, ticket, true), origin);
    }

    private static ChatSocket connect(URI uri, String origin) {
        ChatSocket listener = new ChatSocket();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            listener.socket = builder.buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("handshake failed: " + e.getCause(), e);
        }
        return listener;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                JsonObject frame = reader.readObject();
                if ("batch".equals(frame.getString("type", null))) {
                    batches++;
                    frame.getJsonArray("frames").forEach(inner -> received(inner.asJsonObject()));
                } else {
                    received(frame);
                }
            }
            partial.setLength(0);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    private void received(JsonObject frame) {
        if (recording) {
            frames.add(frame);
        }
        Consumer<JsonObject> listener = onFrame;
        if (listener != null) {
            listener.accept(frame);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(new int[] {statusCode});
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new int[] {-1});
    }

    /** Hands every frame to {@code listener} as it arrives, and stops keeping them (for long runs). */
    public void onFrame(Consumer<JsonObject> listener) {
        this.onFrame = listener;
        this.recording = false;
    }

    /** Sends a frame; the JSON is sent as it is, valid or not. */
    public ChatSocket send(String text) {
        synchronized (this) { // one send at a time: the JDK client refuses overlapping sends
            socket.sendText(text, true).join();
        }
        return this;
    }

    public ChatSocket send(JsonObject frame) {
        return send(frame.toString());
    }

    /**
     * Sends a frame unless the socket is closed, for floods the server is expected to cut off:
     * false when it was closed, before the send or while it was under way.
     */
    public boolean sendUnlessClosed(JsonObject frame) {
        if (isClosed()) {
            return false;
        }
        try {
            send(frame);
            return true;
        } catch (CompletionException e) { // the server's close came during the send
            if (e.getCause() instanceof IOException) {
                return false;
            }
            throw e;
        }
    }

    public static JsonObject frame(String type, Object... fields) {
        var builder = Json.createObjectBuilder().add("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            Object value = fields[i + 1];
            String name = (String) fields[i];
            if (value instanceof String s) {
                builder.add(name, s);
            } else if (value instanceof Long l) {
                builder.add(name, l);
            } else if (value instanceof Integer n) {
                builder.add(name, n);
            } else if (value instanceof Boolean b) {
                builder.add(name, b);
            }
        }
        return builder.build();
    }

    /** Joins a room (replaying after {@code lastSeq} when given) and waits for the "joined" frame. */
    public JsonObject join(String roomId, Long lastSeq) {
        int before = frames.size();
        send(lastSeq == null ? frame("join_room", "roomId", roomId) : frame("join_room", "roomId", roomId, "lastSeq", lastSeq));
        return await(f -> "joined".equals(f.getString("type")) && roomId.equals(f.getString("roomId")), before);
    }

    /** Waits for the first frame after position {@code from} that matches. */
    public JsonObject await(Predicate<JsonObject> match, int from) {
        JsonObject[] found = new JsonObject[1];
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<JsonObject> seen = frames;
            for (int i = from; i < seen.size(); i++) {
                if (match.test(seen.get(i))) {
                    found[0] = seen.get(i);
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public JsonObject await(Predicate<JsonObject> match) {
        return await(match, 0);
    }

    public static Predicate<JsonObject> type(String type) {
        return f -> type.equals(f.getString("type", null));
    }

    /** Every frame received so far, in order. */
    public List<JsonObject> frames() {
        return List.copyOf(frames);
    }

    public int size() {
        return frames.size();
    }

    /** The messages of a room received so far (message_received), in order of arrival. */
    public List<JsonObject> messages(String roomId) {
        return frames.stream()
                .filter(f -> "message_received".equals(f.getString("type")))
                .map(f -> f.getJsonObject("message"))
                .filter(m -> roomId.equals(m.getString("roomId")))
                .toList();
    }

    /** Stops reading: the server's frames pile up in the socket, then in the server's queue. */
    public void pause() {
        paused = true;
    }

    /** How many {@code batch} frames arrived (their frames are in {@link #frames()}). */
    public int batches() {
        return batches;
    }

    /** The close code, waiting for the close. */
    public int awaitClose() {
        return awaitClose(WAIT);
    }

    public int awaitClose(Duration atMost) {
        try {
            return closed.get(atMost.toSeconds(), TimeUnit.SECONDS)[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("not closed within " + atMost, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        if (!closed.isDone() && socket != null) {
            socket.abort();
        }
    }

    /** Closes the socket the way a client going offline does. */
    public void disconnect() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            awaitClose();
        }
    }
}
