package dev.blau.chat.live.control;

import java.util.ArrayList;
import java.util.List;

import dev.blau.chat.messages.entity.Message;

/**
 * A connection following one room: the last seq it was sent. While the backlog is being
 * replayed from the store, live messages wait in {@code pending}; afterwards only messages
 * beyond {@code lastSent} go out, so nothing arrives twice.
 * <p>
 * What waits is bounded: a replay to a slow reader of a busy room would otherwise hold every
 * live message meanwhile. Past {@value #PENDING_LIMIT} the waiting ones are dropped and the
 * subscription is marked {@code overflowed}: they are all in the store (a message is published
 * only once stored), so the replay goes round again from where it got.
 */
public final class Subscription {

    /** Live messages, or changes, held for one subscription at most. */
    static final int PENDING_LIMIT = 1_000;

    private final String roomId;
    long lastSent;
    boolean replaying = true;
    /** Messages or changes were dropped while waiting: replay them from the store. */
    boolean overflowed;
    final List<Message> pending = new ArrayList<>();
    /** Changes of messages this connection has not been sent yet (or while replaying): sent after them. */
    final List<Message> pendingUpdates = new ArrayList<>();

    Subscription(String roomId, long lastSent) {
        this.roomId = roomId;
        this.lastSent = lastSent;
    }

    public String roomId() {
        return roomId;
    }

    /** Keeps a live message for after the replay; false when the limit dropped everything held. */
    boolean hold(Message message) {
        return hold(pending, message);
    }

    /** Keeps a change for after its message; false when the limit dropped everything held. */
    boolean holdUpdate(Message update) {
        return hold(pendingUpdates, update);
    }

    private boolean hold(List<Message> list, Message message) {
        if (overflowed) {
            return false;
        }
        if (list.size() >= PENDING_LIMIT) {
            overflowed = true;
            pending.clear();
            pendingUpdates.clear();
            return false;
        }
        list.add(message);
        return true;
    }
}
