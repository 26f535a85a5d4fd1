package dev.blau.chat.messages.control;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.entity.Message;

/**
 * Where messages are kept: durable, numbered per room with no gaps, idempotent per sender.
 * Every read is addressed by {@code (room, seq)}, which the store serves from its unique key,
 * so no call costs more as messages accumulate.
 */
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

    /** A lower bound of the room's highest seq, from memory when it can: no lookup on a warm path. */
    long latestKnownSeq(String roomId);

    /** The room's highest seq, 0 for a room without messages. */
    long latestSeq(String roomId);

    /** The latest message of each room that has one. */
    Map<String, Message> latest(Collection<String> roomIds);

    /**
     * Per room, how many messages after the reader's read mark others sent; counted over at
     * most {@link #UNREAD_COUNTED} messages, beyond which every message counts.
     */
    Map<String, Long> unread(String userId, Map<String, Long> lastReadByRoom, Map<String, Message> latestByRoom);

    int UNREAD_COUNTED = 200;

    /** A seq some server stored in the room (seen on the event stream): where the next append starts. */
    void observed(String roomId, long seq);

    void deleteRoom(String roomId);

    default Optional<Message> latest(String roomId) {
        return Optional.ofNullable(latest(List.of(roomId)).get(roomId));
    }
}
