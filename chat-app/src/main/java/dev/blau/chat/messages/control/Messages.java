package dev.blau.chat.messages.control;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.events.control.ChatEvents;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.messages.entity.Message;

/**
 * Sending and reading messages, the same for REST and WebSocket: validate, authorise,
 * rate-limit, store durably, then hand to Kafka. Per message the send path makes one Redis
 * round trip (the rate limit) and one store write (the insert); the outbox
 * ({@link MessageOutbox}) remembers what Kafka has not confirmed, so a Kafka outage delays
 * live delivery and loses nothing.
 */
@ApplicationScoped
public class Messages {

    public static final int MAX_PAGE = 100;
    public static final int MAX_CLIENT_MSG_ID = 64;
    private static final ReentrantLock[] ROOM_LOCKS = new ReentrantLock[256];

    static {
        for (int i = 0; i < ROOM_LOCKS.length; i++) {
            ROOM_LOCKS[i] = new ReentrantLock();
        }
    }

    @Inject
    RoomAccess rooms;

    @Inject
    MessageStore store;

    @Inject
    MessageOutbox outbox;

    @Inject
    SendRateLimit rateLimit;

    @Inject
    ChatEvents events;

    /** A send over REST: membership is checked against the database. */
    public MessageStore.Appended send(Caller caller, String roomId, String clientMsgId, String text) {
        validate(clientMsgId, text);
        rooms.requireMember(roomId, caller.id());
        return append(caller, roomId, clientMsgId, text);
    }

    /**
     * A send from a socket that follows the room: its membership was checked when it joined,
     * and losing it (leave, removal, room deletion) unfollows the room at once.
     */
    public MessageStore.Appended sendAsMember(Caller caller, String roomId, String clientMsgId, String text) {
        validate(clientMsgId, text);
        return append(caller, roomId, clientMsgId, text);
    }

    /** The rules of a message, for every way one arrives. */
    public static void validate(String clientMsgId, String text) {
        if (text == null || text.isBlank()) {
            throw ChatProblems.invalid("text", "must not be blank");
        }
        if (text.length() > Message.MAX_TEXT_LENGTH) {
            throw ChatProblems.invalid("text", "must be at most " + Message.MAX_TEXT_LENGTH + " characters");
        }
        if (clientMsgId == null || clientMsgId.isBlank() || clientMsgId.length() > MAX_CLIENT_MSG_ID) {
            throw ChatProblems.invalid("clientMsgId", "must be 1 to " + MAX_CLIENT_MSG_ID + " characters");
        }
    }

    private MessageStore.Appended append(Caller caller, String roomId, String clientMsgId, String text) {
        rateLimit.acquire(caller.id());
        // one writer per room on this server: its sends never race each other for a seq, and
        // reach Kafka in seq order (other servers may still interleave; receivers sort that out)
        ReentrantLock lock = ROOM_LOCKS[Math.floorMod(roomId.hashCode(), ROOM_LOCKS.length)];
        lock.lock();
        try {
            outbox.opening(roomId, store.latestKnownSeq(roomId) + 1);
            MessageStore.Appended appended = store.append(roomId, caller.ref(), clientMsgId, text);
            if (appended.created()) {
                outbox.stored(roomId, appended.message().seq());
                publish(appended.message());
            }
            return appended;
        } finally {
            lock.unlock();
        }
    }

    /** Hands a stored message to Kafka; the outbox learns when Kafka has it. */
    void publish(Message message) {
        events.publish(ChatEvent.messageSent(message), () -> outbox.confirmed(message.roomId(), message.seq()), () -> { });
    }

    /** A page of history the user may read: public rooms or their own. */
    public List<Message> page(String userId, String roomId, Long before, Long after, int limit) {
        rooms.requireReader(roomId, userId);
        int size = Math.max(1, Math.min(limit, MAX_PAGE + 1)); // +1: the resource asks one more to learn hasMore
        if (after != null) {
            return store.after(roomId, after, size);
        }
        return store.before(roomId, before == null ? Long.MAX_VALUE : before, size);
    }
}
