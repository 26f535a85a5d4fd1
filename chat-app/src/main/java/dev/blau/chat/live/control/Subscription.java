package dev.blau.chat.live.control;

import java.util.ArrayList;
import java.util.List;

import dev.blau.chat.messages.entity.Message;

/**
 * A connection following one room: the last seq it was sent. While the backlog is being
 * replayed from the store, live messages wait in {@code pending}; afterwards only messages
 * beyond {@code lastSent} go out, so nothing arrives twice.
 */
public final class Subscription {

    private final String roomId;
    long lastSent;
    boolean replaying = true;
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
}
