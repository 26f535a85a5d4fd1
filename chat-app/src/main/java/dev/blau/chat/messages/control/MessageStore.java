package dev.blau.chat.messages.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.entity.Message;

/** Where messages are kept: durable, numbered per room, idempotent per sender. */
public interface MessageStore {

    /** The stored message and whether this call stored it (false: a retry of an earlier one). */
    record Appended(Message message, boolean created) {
    }

    /**
     * Stores a message as the room's next {@code seq}, returning only once it is durable; the
     * same {@code clientMsgId} from the same sender returns the original and stores nothing.
     */
    Appended append(String roomId, UserRef sender, String clientMsgId, String text);

    /** Up to {@code limit} messages with seq < {@code before}, newest first. */
    List<Message> before(String roomId, long before, int limit);

    /** Up to {@code limit} messages with seq > {@code after}, oldest first. */
    List<Message> after(String roomId, long after, int limit);

    Optional<Message> latest(String roomId);

    /** Messages after {@code lastReadSeq} that others sent. */
    long unread(String roomId, String userId, long lastReadSeq);

    /** Marks the message relayed to Kafka (the outbox flag). */
    void markPublished(String messageId);

    /** Stored messages still waiting for Kafka, created before {@code olderThan}. */
    List<Message> unpublished(Instant olderThan, int limit);

    void deleteRoom(String roomId);
}
