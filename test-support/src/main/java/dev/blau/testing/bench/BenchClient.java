package dev.blau.testing.bench;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.json.Json;

import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;

/**
 * One simulated user: its WebSocket (the shared JDK client, no thread of its own), the rooms
 * it follows with the last seq it saw in each, a send queue (the JDK socket takes one frame at
 * a time; nobody waits for it), a ping every 30 s (idle sockets are closed after 2 minutes),
 * token renewal on the open socket ~60 s before expiry, and resuming with {@code lastSeq}
 * after a close the client did not ask for.
 */
final class BenchClient implements WebSocket.Listener {

    /** What a scenario hears from its clients; called on the generator's I/O threads, so quick. */
    interface Sink {
        /** A {@code message_received}; {@code fresh} is false for a seq this client already had. */
        default void message(BenchClient client, String roomId, long seq, String clientMsgId, boolean fresh, long nanos) {
        }

        default void ack(BenchClient client, String clientMsgId, long seq, long nanos) {
        }

        default void error(BenchClient client, String code, String ref) {
        }

        default void closed(BenchClient client, int code, String reason) {
        }
    }

    enum State { DOWN, CONNECTING, LIVE }

    /** The position in one room's sequence: last seq seen, and what was wrong on the way. */
    static final class Cursor {
        long first = -1;   // the last seq when the client first joined: it must see everything after
        long last = -1;
        long received;
        long duplicates;   // a seq at or below one already seen (also out of order)
        long missing;      // seqs jumped over
    }

    /** Token renewals and the answers to {@code auth} frames, over every client. */
    static final LongAdder RENEWALS = new LongAdder();
    static final LongAdder RENEWAL_FAILURES = new LongAdder();
    static final LongAdder AUTH_OK = new LongAdder();
    static final LongAdder AUTH_UNSUPPORTED = new LongAdder();
    static final LongAdder AUTH_REFUSED = new LongAdder();
    static final LongAdder CLOSED_UNRENEWED = new LongAdder();
    private static final AtomicBoolean TOLD_UNSUPPORTED = new AtomicBoolean();

    private static final Duration PING_EVERY = Duration.ofSeconds(30);
    private static final long RENEW_BEFORE_NANOS = Duration.ofSeconds(60).toNanos();
    /**
     * A client connects with its token as it is when this much of it is left, and renews it first
     * otherwise: a connect (ticket, socket, joins) is given a minute before it is tried again
     * (Crowd), its renewals are scheduled once it is connected, and a renewal itself may take
     * seconds on a busy server.
     */
    static final long CONNECT_WITH_LEFT_NANOS = Duration.ofSeconds(90).toNanos();
    /** A renewal already due is made no later than this before the token's expiry. */
    static final long RENEW_LAST_NANOS = Duration.ofSeconds(15).toNanos();

    private final Session session;
    private final BenchHttp http;
    private final ScheduledExecutorService timer;
    private final List<String> rooms;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger joinsLeft = new AtomicInteger();
    private volatile Sink sink = new Sink() { };
    private volatile Outlet outlet;
    private volatile State state = State.DOWN;
    private volatile CompletableFuture<Void> resumed = new CompletableFuture<>();
    private volatile boolean closing;
    private volatile boolean authPending;
    private volatile boolean reconnects = true;

    BenchClient(Session session, List<String> rooms, BenchHttp http, ScheduledExecutorService timer) {
        this.session = session;
        this.http = http;
        this.timer = timer;
        this.rooms = List.copyOf(rooms);
        rooms.forEach(r -> cursors.put(r, new Cursor()));
    }

    Session session() {
        return session;
    }

    List<String> rooms() {
        return rooms;
    }

    Cursor cursor(String roomId) {
        return cursors.get(roomId);
    }

    State state() {
        return state;
    }

    void sink(Sink sink) {
        this.sink = sink;
    }

    /** Whether a close the client did not ask for is followed by a resume (default: yes). */
    void reconnects(boolean reconnects) {
        this.reconnects = reconnects;
    }

    /** Starts the pings and token renewals of this client (once). */
    void keepAlive() {
        long pingMillis = PING_EVERY.toMillis();
        timer.scheduleAtFixedRate(this::ping, ThreadLocalRandom.current().nextLong(pingMillis), pingMillis,
                TimeUnit.MILLISECONDS);
        // users signed in no faster than they renew (Fixture.prepareToConnect) keep renewing at that pace
        scheduleRenewal();
    }

    /**
     * A new ticket, a new socket, then {@code join_room} for every room (with {@code lastSeq}
     * when the client has seen the room before: the server replays what it missed). Completes
     * once every room answered {@code joined}.
     */
    CompletableFuture<Void> connect() {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        resumed = ready;
        closing = false;
        outlet = null; // nothing goes to the last connection any more
        state = State.CONNECTING;
        // a token about to run out (a long setup, a long outage) would buy a socket closed 4001 at once
        CompletableFuture<Void> fresh = session.expiresAtNanos() - System.nanoTime() < CONNECT_WITH_LEFT_NANOS
                ? session.renew(http) : CompletableFuture.completedFuture(null);
        fresh.thenCompose(renewed -> http.sendAsync("POST", Chat.BASE + "/ws-ticket", session.accessToken(), null))
                .thenCompose(answer -> {
                    if (answer.status() != 200) {
                        throw new IllegalStateException("no ticket: " + answer);
                    }
                    URI uri = http.socketUri(answer.json().getString("ticket"));
                    return http.client().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                            .header("Origin", ChatSocket.ALLOWED_ORIGIN).buildAsync(uri, this);
                })
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        state = State.DOWN;
                        ready.completeExceptionally(error);
                        return;
                    }
                    joinsLeft.set(cursors.size());
                    cursors.forEach((roomId, cursor) -> {
                        long last;
                        synchronized (cursor) {
                            last = cursor.last;
                        }
                        var frame = Json.createObjectBuilder().add("type", "join_room").add("roomId", roomId);
                        if (last >= 0) {
                            frame.add("lastSeq", last);
                        }
                        send(frame.build().toString());
                    });
                });
        return ready;
    }

    /** Hands a frame to the socket; never blocks. False when the client is not connected. */
    boolean send(String frame) {
        Outlet o = outlet;
        if (o == null || state == State.DOWN) {
            return false;
        }
        o.send(frame);
        return true;
    }

    /**
     * One connection's way out: the JDK socket takes one frame at a time, so frames wait in a
     * queue and each completed send starts the next. Per connection, so nothing left over
     * from an earlier one can get in the way.
     */
    private static final class Outlet {
        final WebSocket ws;
        private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean sending = new AtomicBoolean();

        Outlet(WebSocket ws) {
            this.ws = ws;
        }

        void send(String frame) {
            queue.add(frame);
            pump();
        }

        private void pump() {
            while (sending.compareAndSet(false, true)) {
                String next = queue.poll();
                if (next == null) {
                    sending.set(false);
                    if (queue.isEmpty()) {
                        return;
                    }
                    continue; // a frame came in between
                }
                CompletableFuture<WebSocket> sent;
                try {
                    sent = ws.sendText(next, true);
                } catch (RuntimeException e) {
                    sending.set(false);
                    continue; // the socket is closing: the frame is lost, as it would be for a user
                }
                if (sent.isDone()) {
                    sending.set(false);
                    continue;
                }
                sent.whenComplete((ok, error) -> {
                    sending.set(false);
                    pump();
                });
                return;
            }
        }
    }

    /** Drops the connection without a close handshake (a phone losing its network). */
    void abort() {
        closing = true;
        state = State.DOWN;
        Outlet o = outlet;
        if (o != null) {
            o.ws.abort();
        }
    }

    /** Closes the connection normally. */
    void close() {
        closing = true;
        Outlet o = outlet;
        if (o != null && state != State.DOWN) {
            o.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((w, e) -> o.ws.abort());
        }
        state = State.DOWN;
    }

    private void ping() {
        if (state == State.LIVE) {
            send("{\"type\":\"ping\"}");
        }
    }

    private void scheduleRenewal() {
        timer.schedule(this::renew, renewalDelay(System.nanoTime(), session.expiresAtNanos(),
                ThreadLocalRandom.current().nextDouble()), TimeUnit.NANOSECONDS);
    }

    /**
     * When to renew a token expiring at {@code expiresAt}, for a draw {@code random} in [0, 1):
     * 60 s before expiry minus up to another 60 s, so renewals spread out instead of coming all at
     * once. A token with less than that window ahead of it (a client that connected with less
     * than two minutes left: clients signed in long before they connect) is renewed somewhere in
     * what is left of it, up to {@link #RENEW_LAST_NANOS} before its expiry, not at once: 2,000
     * clients connecting within a minute would otherwise renew within that minute, into a cold
     * server.
     */
    static long renewalDelay(long now, long expiresAt, double random) {
        long left = expiresAt - now;
        if (left >= 2 * RENEW_BEFORE_NANOS) {
            return left - RENEW_BEFORE_NANOS - (long) (random * RENEW_BEFORE_NANOS);
        }
        long spread = left - RENEW_LAST_NANOS;
        return spread <= 0 ? 0 : (long) (random * spread);
    }

    private void renew() {
        session.renew(http).whenComplete((ok, error) -> {
            if (error != null) {
                RENEWAL_FAILURES.increment();
                Log.info("token renewal of " + session.user().username() + " failed: " + error.getMessage());
                // as the web client: again when the server says (a pending renewal is answered then), else in 10 s
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                timer.schedule(this::renew, cause instanceof RetryLater later ? later.seconds() : 10, TimeUnit.SECONDS);
                return;
            }
            RENEWALS.increment();
            if (state != State.DOWN) {
                authPending = true;
                send(Json.createObjectBuilder().add("type", "auth").add("token", session.accessToken()).build().toString());
            }
            scheduleRenewal();
        });
    }

    // ---- WebSocket.Listener: one socket's callbacks never overlap --------------------------------------------

    @Override
    public void onOpen(WebSocket webSocket) {
        outlet = new Outlet(webSocket);
        partial.setLength(0); // half a frame of an earlier connection is gone with it
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        if (!last) {
            partial.append(data);
            return null;
        }
        String text;
        if (partial.length() > 0) {
            text = partial.append(data).toString();
            partial.setLength(0);
        } else {
            text = data.toString();
        }
        onFrame(text, now);
        return null;
    }

    private void onFrame(String text, long now) {
        String type = Frame.type(text);
        if (type == null) {
            return;
        }
        switch (type) {
            case "batch" -> Frame.eachInBatch(text, inner -> onFrame(inner, now));
            case "message_received" -> {
                String roomId = Frame.string(text, "roomId");
                long seq = Frame.number(text, "seq", -1);
                Cursor cursor = roomId == null ? null : cursors.get(roomId);
                if (cursor == null) {
                    return;
                }
                boolean fresh;
                synchronized (cursor) {
                    cursor.received++;
                    fresh = cursor.last < 0 || seq > cursor.last;
                    if (!fresh) {
                        cursor.duplicates++;
                    } else {
                        if (cursor.last >= 0 && seq > cursor.last + 1) {
                            cursor.missing += seq - cursor.last - 1;
                        }
                        cursor.last = seq;
                    }
                }
                sink.message(this, roomId, seq, Frame.string(text, "clientMsgId"), fresh, now);
            }
            case "ack" -> sink.ack(this, Frame.string(text, "clientMsgId"), Frame.number(text, "seq", -1), now);
            case "joined" -> joined(Frame.string(text, "roomId"), Frame.number(text, "lastSeq", 0));
            case "auth_ok" -> {
                authPending = false;
                AUTH_OK.increment();
            }
            case "error" -> {
                String code = Frame.string(text, "code");
                if (authPending && "unknown-type".equals(code)) {
                    authPending = false;
                    AUTH_UNSUPPORTED.increment();
                    if (TOLD_UNSUPPORTED.compareAndSet(false, true)) {
                        Log.info("the server does not know the auth frame yet (unknown-type): tolerated");
                    }
                    return;
                }
                if (authPending && "invalid-token".equals(code)) {
                    authPending = false;
                    AUTH_REFUSED.increment();
                    Log.info("auth refused for " + session.user().username() + ": " + text);
                    return;
                }
                String ref = Frame.string(text, "ref");
                if (state == State.CONNECTING && ref != null && cursors.containsKey(ref)) {
                    resumed.completeExceptionally(new IllegalStateException("join_room " + ref + ": " + text));
                }
                sink.error(this, code, ref);
            }
            default -> {
                // pong, presence, typing, user_joined, ...: not measured
            }
        }
    }

    private void joined(String roomId, long lastSeq) {
        Cursor cursor = roomId == null ? null : cursors.get(roomId);
        if (cursor == null) {
            return;
        }
        synchronized (cursor) {
            if (cursor.first < 0) {
                cursor.first = Math.max(lastSeq, cursor.last);
            }
            // the server says it sent everything up to lastSeq: what is not here is missing
            if (cursor.last >= 0 && lastSeq > cursor.last) {
                cursor.missing += lastSeq - cursor.last;
            }
            cursor.last = Math.max(cursor.last, lastSeq);
        }
        if (joinsLeft.decrementAndGet() == 0) {
            state = State.LIVE;
            resumed.complete(null);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        lost(webSocket, statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        lost(webSocket, -1, String.valueOf(error));
    }

    private void lost(WebSocket webSocket, int code, String reason) {
        Outlet o = outlet;
        if (o == null || o.ws != webSocket) {
            return; // an earlier connection's late news
        }
        boolean wasLive = state == State.LIVE;
        state = State.DOWN;
        resumed.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
        if (closing) {
            return;
        }
        if (code == 4001) {
            CLOSED_UNRENEWED.increment();
        }
        sink.closed(this, code, reason);
        if (reconnects && wasLive) { // a connection that never got going is retried by whoever opened it
            timer.schedule(this::reconnect, 1000 + ThreadLocalRandom.current().nextLong(1000), TimeUnit.MILLISECONDS);
        }
    }

    private void reconnect() {
        if (closing) {
            return;
        }
        connect().whenComplete((ok, error) -> {
            if (error != null && !closing) {
                timer.schedule(this::reconnect, 2, TimeUnit.SECONDS);
            }
        });
    }
}
