package dev.blau.chat.live.control;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import dev.blau.chat.callers.Caller;

/**
 * One client's WebSocket: who it is, which rooms it follows, and a bounded queue of frames
 * on their way out. Frames are sent one at a time, asynchronously, so a client that stops
 * reading only fills its own queue: ephemeral frames (typing, presence) are dropped first,
 * and when the queue is full the client is disconnected. It resumes by {@code lastSeq}.
 */
public final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    /** Beyond this many queued frames, typing and presence frames are dropped. */
    static final int EPHEMERAL_LIMIT = 64;
    /** A client this far behind is not reading: it is disconnected. */
    static final int QUEUE_LIMIT = 256;

    private final String id;
    private final Session session;
    private final Caller caller;
    private final Executor closer;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean pumping;
    private boolean closed;
    private long droppedEphemeral;

    public Connection(String id, Session session, Caller caller, Executor closer) {
        this.id = id;
        this.session = session;
        this.caller = caller;
        this.closer = closer;
    }

    public String id() { return id; }
    public Caller caller() { return caller; }
    public String userId() { return caller.id(); }

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

    public boolean follows(String roomId) {
        return subscriptions.containsKey(roomId);
    }

    /** Queues a frame that must arrive (messages, acks, room changes, errors). */
    public void send(String frame) {
        enqueue(frame, false);
    }

    /** Queues a frame that may be dropped when the client falls behind (typing, presence). */
    public void sendEphemeral(String frame) {
        enqueue(frame, true);
    }

    /** Frames waiting to go out. */
    public synchronized int backlog() {
        return queue.size();
    }

    /** Waits (bounded) until the backlog is at most {@code size}, so a long replay never overfills the queue. */
    public synchronized boolean awaitBacklogAtMost(int size, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!closed && queue.size() > size) {
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

    private synchronized void enqueue(String frame, boolean ephemeral) {
        if (closed) {
            return;
        }
        if (ephemeral && queue.size() >= EPHEMERAL_LIMIT) {
            droppedEphemeral++;
            return;
        }
        if (queue.size() >= QUEUE_LIMIT) {
            LOG.info(() -> "Disconnecting " + caller.username() + " (" + id + "): " + QUEUE_LIMIT
                    + " frames unread, " + droppedEphemeral + " ephemeral frames dropped");
            close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too slow: outbound queue full"));
            return;
        }
        queue.add(frame);
        pump();
    }

    // sends the next frame unless one is on its way; a send that completes inline loops here, never recursing
    private void pump() {
        while (!sending && !closed) {
            String next = queue.poll();
            if (next == null) {
                notifyAll();
                return;
            }
            sending = true;
            pumping = true;
            try {
                session.getAsyncRemote().sendText(next, this::onSent);
            } catch (RuntimeException e) {
                sending = false;
                closeQuietly(e);
            } finally {
                pumping = false;
            }
        }
    }

    private synchronized void onSent(SendResult result) {
        sending = false;
        if (!result.isOK()) {
            closeQuietly(result.getException());
            return;
        }
        if (queue.size() <= EPHEMERAL_LIMIT) {
            notifyAll();
        }
        if (!pumping) {
            pump();
        }
    }

    private void closeQuietly(Throwable reason) {
        LOG.log(Level.FINE, "Send to " + id + " failed", reason);
        close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
    }

    /** Closes the socket off the caller's thread: closing a stuck socket may block. */
    public synchronized void close(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
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
