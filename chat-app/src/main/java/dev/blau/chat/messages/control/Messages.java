package dev.blau.chat.messages.control;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.events.control.ChatEventPublisher;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.rooms.control.Rooms;

/**
 * Sending and reading messages, the same for REST and WebSocket: authorise, rate-limit,
 * store durably, then relay to Kafka. The stored message is its own outbox entry
 * ({@code published: false} until Kafka has it), so a Kafka outage delays live delivery and
 * loses nothing.
 */
@ApplicationScoped
public class Messages {

    public static final int MAX_PAGE = 100;
    private static final ReentrantLock[] ROOM_LOCKS = new ReentrantLock[256];

    static {
        for (int i = 0; i < ROOM_LOCKS.length; i++) {
            ROOM_LOCKS[i] = new ReentrantLock();
        }
    }

    @Inject
    Rooms rooms;

    @Inject
    MessageStore store;

    @Inject
    SendRateLimit rateLimit;

    @Inject
    ChatEventPublisher publisher;

    private final Set<String> relaying = ConcurrentHashMap.newKeySet();

    public MessageStore.Appended send(Caller caller, String roomId, String clientMsgId, String text) {
        if (text == null || text.isBlank()) {
            throw ChatProblems.invalid("text", "must not be blank");
        }
        if (text.length() > Message.MAX_TEXT_LENGTH) {
            throw ChatProblems.invalid("text", "must be at most " + Message.MAX_TEXT_LENGTH + " characters");
        }
        if (clientMsgId == null || clientMsgId.isBlank() || clientMsgId.length() > 64) {
            throw ChatProblems.invalid("clientMsgId", "must be 1 to 64 characters");
        }
        rooms.member(roomId, caller.id());
        rateLimit.acquire(caller.id());
        // one writer per room on this server: its sends never race each other for a seq, and
        // reach Kafka in seq order (other servers may still interleave; receivers sort that out)
        ReentrantLock lock = ROOM_LOCKS[Math.floorMod(roomId.hashCode(), ROOM_LOCKS.length)];
        lock.lock();
        try {
            MessageStore.Appended appended = store.append(roomId, caller.ref(), clientMsgId, text);
            if (appended.created()) {
                relay(appended.message());
            }
            return appended;
        } finally {
            lock.unlock();
        }
    }

    /** Hands a stored message to Kafka and marks it relayed once Kafka has it; once at a time per message. */
    public void relay(Message message) {
        if (!relaying.add(message.id())) {
            return; // still on its way from an earlier try
        }
        publisher.publish(ChatEvent.messageSent(message), () -> {
            try {
                store.markPublished(message.id());
            } finally {
                relaying.remove(message.id());
            }
        }, () -> relaying.remove(message.id()));
    }

    /** A page of history the user may read: public rooms or their own. */
    public List<Message> page(String userId, String roomId, Long before, Long after, int limit) {
        rooms.visible(roomId, userId);
        int size = Math.max(1, Math.min(limit, MAX_PAGE + 1)); // +1: the resource asks one more to learn hasMore
        if (after != null) {
            return store.after(roomId, after, size);
        }
        return store.before(roomId, before == null ? Long.MAX_VALUE : before, size);
    }
}
