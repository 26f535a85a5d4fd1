package dev.blau.chat.messages.control;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.entity.Attachment;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.messages.entity.ReplyTo;

/**
 * Where messages are kept: durable, numbered per room with no gaps, idempotent per sender.
 * Every read is addressed by {@code (room, seq)}, which the store serves from its unique key,
 * so no call costs more as messages accumulate.
 */
public interface MessageStore {

    /** What a sender wrote: the text, what it answers (or null), whom it names, the files it carries. */
    record Draft(String text, ReplyTo replyTo, List<String> mentions, boolean mentionsRoom, List<Attachment> attachments) {
        public Draft(String text, ReplyTo replyTo, List<String> mentions, boolean mentionsRoom) {
            this(text, replyTo, mentions, mentionsRoom, List.of());
        }

        public static Draft of(String text) {
            return new Draft(text, null, List.of(), false);
        }
    }

    /**
     * The stored message and whether this call stored it (false: a retry of an earlier one);
     * {@code root}: for a reply, the thread's root once it counts the reply (null when this call
     * did not change it).
     */
    record Appended(Message message, boolean created, Message root) {
        public Appended(Message message, boolean created) {
            this(message, created, null);
        }
    }

    /**
     * Stores a message as the room's next {@code seq}, returning only once it is durable; the
     * same {@code clientMsgId} from the same sender returns the original and stores nothing.
     * A reply is also counted on its root and listed in the root's thread.
     */
    Appended append(String roomId, UserRef sender, String clientMsgId, Draft draft);

    /** The message, if it exists. */
    Optional<Message> find(String roomId, long seq);

    /** The message this sender stored with this {@code clientMsgId}, if any (a lookup by the idempotency key). */
    Optional<Message> findSent(String roomId, String senderId, String clientMsgId);

    /** A change's outcome: the message as it now is, and whether this call changed it. */
    record Changed(Message message, boolean changed) {
    }

    /**
     * Applies {@code change} to the message's current state and stores the result as the room's
     * next version, returning once it is durable. A change that leaves the message as it was
     * (an edit to the same text, a reaction already there) stores nothing: changes repeat freely.
     * {@code change} may run more than once when another writer changes the message meanwhile.
     * Empty when there is no such message.
     */
    Optional<Changed> change(String roomId, long seq, UnaryOperator<Message> change);

    /** What changed after {@code sinceVersion}: the current state of each message, up to {@code version}. */
    record ChangePage(List<Message> messages, long version, boolean hasMore) {
    }

    /** The messages changed after {@code sinceVersion}, at most {@code limit} changes' worth, oldest change first. */
    ChangePage changesSince(String roomId, long sinceVersion, int limit);

    /** A lower bound of the room's last version, from memory when it can. */
    long latestKnownVersion(String roomId);

    /** The room's last version, 0 when none of its messages ever changed. */
    long latestVersion(String roomId);

    /**
     * A version some server stored in the room at {@code at} (seen on the event stream; null
     * when not known).
     */
    void observedVersion(String roomId, long version, java.time.Instant at);

    /** Up to {@code limit} replies to {@code rootSeq} sent after the reply {@code afterSeq} (0: from the first), oldest first. */
    List<Message> replies(String roomId, long rootSeq, long afterSeq, int limit);

    /** The seqs pinned in the room, most recently pinned first. */
    List<Long> pinnedSeqs(String roomId);

    /** Adds the seq to the room's pins or takes it off (the message's own {@code pinned} is a change). */
    void listPin(String roomId, long seq, boolean on);

    /** The messages of these seqs that exist, in the order given. */
    List<Message> bySeqs(String roomId, List<Long> seqs);

    /** The messages of these seqs, room by room, that exist, in one lookup whatever the rooms; in no particular order. */
    List<Message> bySeqs(Map<String, List<Long>> seqsByRoom);

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
     * A seq some server stored in the room at {@code at} (seen on the event stream; null when not
     * known): where the next append starts.
     */
    void observed(String roomId, long seq, java.time.Instant at);

    void deleteRoom(String roomId);

    default Optional<Message> latest(String roomId) {
        return Optional.ofNullable(latest(List.of(roomId)).get(roomId));
    }
}
