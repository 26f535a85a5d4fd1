package dev.blau.chat.live.control;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import dev.blau.chat.callers.Caller;

/**
 * One client's WebSocket: who it is, until when it is authorized, which rooms it follows, and
 * a queue of frames on their way out, bounded in bytes. Frames are sent one at a time,
 * asynchronously, so a client that stops reading only fills its own queue: ephemeral frames
 * (typing, presence) are dropped first, and when the queue is full the client is
 * disconnected; so is a client that has not taken a frame within the send timeout. It resumes
 * by {@code lastSeq}. A client that connected with {@code batch=1}
 * gets what piled up behind a send in one {@code batch} frame: under load a socket then costs
 * one send per burst instead of one per frame.
 */
public final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    /** Beyond this many queued bytes, typing and presence frames are dropped (and a replay waits). */
    static final int EPHEMERAL_LIMIT_BYTES = 64 * 1024;
    /** A client this far behind is not reading: it is disconnected. */
    static final int QUEUE_LIMIT_BYTES = 1024 * 1024;
    /** A batch frame holds at most this many bytes of frames (one larger frame still goes alone). */
    static final int BATCH_LIMIT_BYTES = 32 * 1024;
    private static final String BATCH_START = "{\"type\":\"batch\",\"frames\":[";
    /** Close code for an authorization that ran out without renewal (the client renews and reconnects). */
    public static final int TOKEN_EXPIRED = 4001;

    private final String id;
    private final Session session;
    private final Caller caller;
    private final Executor closer;
    private final boolean batching;
    private final FrameBudget budget;
    private final long sendTimeoutNanos;
    LongSupplier clock = System::nanoTime; // tests set the time
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Rooms this user is muted in, until when: kept by events, so a send here never asks the database. */
    private final Map<String, Instant> mutedUntil = new ConcurrentHashMap<>();

    private final ArrayDeque<OutgoingFrame> queue = new ArrayDeque<>();
    private int queuedBytes;
    private boolean sending;
    private long sendingSince;
    private boolean pumping;
    private boolean closed;
    private long droppedEphemeral;

    private volatile Instant authorizedUntil;
    private Future<?> expiry;

    public Connection(String id, Session session, Caller caller, Executor closer) {
        this(id, session, caller, closer, false, new FrameBudget(1_000, 1_000_000), Duration.ZERO); // a budget nothing here exhausts
    }

    /**
     * {@code batching}: the client reads {@code batch} frames; {@code budget}: what it may send;
     * {@code sendTimeout}: how long a frame may wait for the client to take it (zero: no limit).
     */
    public Connection(String id, Session session, Caller caller, Executor closer, boolean batching, FrameBudget budget,
                      Duration sendTimeout) {
        this.id = id;
        this.session = session;
        this.caller = caller;
        this.closer = closer;
        this.batching = batching;
        this.budget = budget;
        this.sendTimeoutNanos = sendTimeout.toNanos();
    }

    public String id() { return id; }
    public Caller caller() { return caller; }
    public String userId() { return caller.id(); }
    public Instant authorizedUntil() { return authorizedUntil; }

    /** The socket is authorized until {@code until}; {@code expiry} closes it then (the previous one is cancelled). */
    synchronized void authorize(Instant until, Future<?> expiry) {
        if (this.expiry != null) {
            this.expiry.cancel(false);
        }
        this.authorizedUntil = until;
        this.expiry = expiry;
        if (closed && expiry != null) {
            expiry.cancel(false);
        }
    }

    /** The frames this client may still send. */
    public FrameBudget budget() {
        return budget;
    }

    public Subscription subscription(String roomId) {
        return subscriptions.get(roomId);
    }

    Subscription subscribe(String roomId, long lastSent) {
        Subscription subscription = new Subscription(roomId, lastSent);
        subscriptions.put(roomId, subscription);
        return subscription;
    }

    boolean unsubscribe(String roomId) {
        return subscriptions.remove(roomId) != null;
    }

    public Set<String> rooms() {
        return subscriptions.keySet();
    }

    /** {@code until} null: not muted (any more). */
    public void mute(String roomId, Instant until) {
        if (until == null) {
            mutedUntil.remove(roomId);
        } else {
            mutedUntil.put(roomId, until);
        }
    }

    /** Until when this user's sends in the room are refused, if they are now. */
    public Instant mutedUntil(String roomId) {
        Instant until = mutedUntil.get(roomId);
        return until != null && until.isAfter(Instant.now()) ? until : null;
    }

    public boolean follows(String roomId) {
        return subscriptions.containsKey(roomId);
    }

    /** Queues a frame that must arrive (messages, acks, room changes, errors). */
    public void send(String frame) {
        enqueue(OutgoingFrame.of(frame), false);
    }

    /** Queues a frame serialized once for many connections. */
    public void send(OutgoingFrame frame) {
        enqueue(frame, false);
    }

    /** Queues a frame that may be dropped when the client falls behind (typing, presence). */
    public void sendEphemeral(OutgoingFrame frame) {
        enqueue(frame, true);
    }

    /** Bytes waiting to go out. */
    public synchronized int backlogBytes() {
        return queuedBytes;
    }

    /** Waits (bounded) until the backlog is at most {@code bytes}, so a long replay never overfills the queue. */
    public synchronized boolean awaitBacklogAtMost(int bytes, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!closed && queuedBytes > bytes) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return !closed;
    }

    public synchronized boolean isOpen() {
        return !closed && session.isOpen();
    }

    private synchronized void enqueue(OutgoingFrame frame, boolean ephemeral) {
        if (closed) {
            return;
        }
        if (ephemeral && queuedBytes >= EPHEMERAL_LIMIT_BYTES) {
            droppedEphemeral++;
            return;
        }
        // checked as frames arrive, not by a timer: a connection costs nothing while nothing is sent to it
        if (sending && sendTimeoutNanos > 0 && clock.getAsLong() - sendingSince > sendTimeoutNanos) {
            LOG.info(() -> "Disconnecting " + caller.username() + " (" + id + "): a frame waited more than "
                    + Duration.ofNanos(sendTimeoutNanos).toSeconds() + " s, " + queuedBytes + " bytes unread");
            close(new CloseReason(CloseCodes.VIOLATED_POLICY, "too slow: nothing taken for "
                    + Duration.ofNanos(sendTimeoutNanos).toSeconds() + " s"));
            return;
        }
        if (queuedBytes + frame.bytes() > QUEUE_LIMIT_BYTES) {
            LOG.info(() -> "Disconnecting " + caller.username() + " (" + id + "): " + queuedBytes
                    + " bytes unread, " + droppedEphemeral + " ephemeral frames dropped");
            close(new CloseReason(CloseCodes.VIOLATED_POLICY, "too slow: outbound queue full"));
            return;
        }
        queue.add(frame);
        queuedBytes += frame.bytes();
        pump();
    }

    // sends the next frame unless one is on its way; a send that completes inline loops here, never recursing
    private void pump() {
        while (!sending && !closed) {
            OutgoingFrame next = queue.poll();
            if (next == null) {
                notifyAll();
                return;
            }
            queuedBytes -= next.bytes();
            String text = batching && !queue.isEmpty() ? batchStartingWith(next) : next.text();
            sending = true;
            sendingSince = clock.getAsLong();
            pumping = true;
            try {
                session.getAsyncRemote().sendText(text, this::onSent);
            } catch (RuntimeException e) {
                sending = false;
                closeQuietly(e);
            } finally {
                pumping = false;
            }
        }
    }

    // the frames waiting behind first, in order, as far as they fit: {"type":"batch","frames":[first,...]}
    private String batchStartingWith(OutgoingFrame first) {
        OutgoingFrame next = queue.peek();
        if (next == null || first.bytes() + next.bytes() > BATCH_LIMIT_BYTES) {
            return first.text();
        }
        int bytes = first.bytes();
        StringBuilder batch = new StringBuilder(Math.min(BATCH_LIMIT_BYTES, bytes + queuedBytes) + 32)
                .append(BATCH_START).append(first.text());
        while (next != null && bytes + next.bytes() <= BATCH_LIMIT_BYTES) {
            queue.poll();
            queuedBytes -= next.bytes();
            bytes += next.bytes();
            batch.append(',').append(next.text());
            next = queue.peek();
        }
        return batch.append("]}").toString();
    }

    private synchronized void onSent(SendResult result) {
        sending = false;
        if (!result.isOK()) {
            closeQuietly(result.getException());
            return;
        }
        if (queuedBytes <= EPHEMERAL_LIMIT_BYTES) {
            notifyAll();
        }
        if (!pumping) {
            pump();
        }
    }

    private void closeQuietly(Throwable reason) {
        LOG.log(Level.FINE, "Send to " + id + " failed", reason);
        close(new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "send failed"));
    }

    /** Closes the socket off the caller's thread: closing a stuck socket may block. */
    public synchronized void close(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        queuedBytes = 0;
        if (expiry != null) {
            expiry.cancel(false);
        }
        notifyAll();
        closer.execute(() -> {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing " + id, e);
            }
        });
    }
}
