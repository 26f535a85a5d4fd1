package dev.blau.chat.messages.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.events.control.ChatEvents;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.messages.entity.ReplyTo;
import dev.blau.common.audit.AuditLog;

/**
 * Sending, changing and reading messages, the same for REST and WebSocket: validate,
 * authorise, rate-limit, store durably, then hand to Kafka. Per message the send path makes
 * one Redis round trip (the rate limit) and one store write (the insert); the outbox
 * ({@link MessageOutbox}) remembers what Kafka has not confirmed, so a Kafka outage delays
 * live delivery and loses nothing. The sender's read mark moves in memory, written with
 * others in one statement a second ({@code ReadMarks}). A change (edit, delete, reaction,
 * pin, a reply counted on its root) is stored as the room's next version and published as
 * {@code message.updated}.
 */
@ApplicationScoped
public class Messages {

    public static final int MAX_PAGE = 100;
    public static final int MAX_CLIENT_MSG_ID = 64;
    public static final int MAX_PINS = 50;
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

    @Inject
    Attachments attachments;

    @Inject
    AuditLog audit;

    /** A send over REST: membership (and no mute) is checked against the database. */
    public MessageStore.Appended send(Caller caller, String roomId, String clientMsgId, String text, Long replyToSeq,
                                      List<String> fileIds) {
        validate(clientMsgId, text, fileIds);
        rooms.requireSender(roomId, caller.id());
        return append(caller, roomId, clientMsgId, text == null ? "" : text, replyToSeq, fileIds);
    }

    /**
     * A send from a socket that follows the room: its membership was checked when it joined,
     * and losing it (leave, removal, ban, room deletion) unfollows the room at once; a mute is
     * checked by the socket, which the mute's event reaches.
     */
    public MessageStore.Appended sendAsMember(Caller caller, String roomId, String clientMsgId, String text,
                                              Long replyToSeq, List<String> fileIds) {
        validate(clientMsgId, text, fileIds);
        return append(caller, roomId, clientMsgId, text == null ? "" : text, replyToSeq, fileIds);
    }

    /** The rules of a message, for every way one arrives: text, files or both. */
    public static void validate(String clientMsgId, String text, List<String> fileIds) {
        if (fileIds == null || fileIds.isEmpty() || (text != null && !text.isBlank())) {
            validateText(text);
        } else if (fileIds.size() > Attachments.MAX_PER_MESSAGE) {
            throw ChatProblems.invalid("attachments", "must be at most " + Attachments.MAX_PER_MESSAGE + " files");
        }
        if (clientMsgId == null || clientMsgId.isBlank() || clientMsgId.length() > MAX_CLIENT_MSG_ID) {
            throw ChatProblems.invalid("clientMsgId", "must be 1 to " + MAX_CLIENT_MSG_ID + " characters");
        }
    }

    private static void validateText(String text) {
        if (text == null || text.isBlank()) {
            throw ChatProblems.invalid("text", "must not be blank");
        }
        if (text.length() > Message.MAX_TEXT_LENGTH) {
            throw ChatProblems.invalid("text", "must be at most " + Message.MAX_TEXT_LENGTH + " characters");
        }
    }

    private MessageStore.Appended append(Caller caller, String roomId, String clientMsgId, String text, Long replyToSeq,
                                         List<String> fileIds) {
        rateLimit.acquire(caller.id());
        ReplyTo replyTo = replyToSeq == null ? null : ReplyTo.of(threadRoot(roomId, replyToSeq));
        MessageStore.Draft draft = draft(caller, roomId, text, replyTo);
        boolean withFiles = fileIds != null && !fileIds.isEmpty();
        if (withFiles) { // claimed before the message is stored: the message never names a file it does not own
            draft = new MessageStore.Draft(draft.text(), draft.replyTo(), draft.mentions(), draft.mentionsRoom(),
                    attachments.claim(roomId, caller.id(), clientMsgId, fileIds));
        }
        // one writer per room on this server: its sends never race each other for a seq, and
        // reach Kafka in seq order (other servers may still interleave; receivers sort that out)
        ReentrantLock lock = ROOM_LOCKS[Math.floorMod(roomId.hashCode(), ROOM_LOCKS.length)];
        MessageStore.Appended appended;
        lock.lock();
        try {
            outbox.opening(roomId, store.latestKnownSeq(roomId) + 1);
            appended = store.append(roomId, caller.ref(), clientMsgId, draft);
            if (appended.created()) {
                outbox.stored(roomId, appended.message().seq());
                publish(appended.message());
            }
        } finally {
            lock.unlock();
        }
        rooms.sent(roomId, caller.id(), appended.message().seq());
        if (withFiles && appended.message().attachments() != null) {
            attachments.sent(roomId, caller.id(), clientMsgId, appended.message().seq());
        }
        if (appended.root() != null) {
            publishChange(appended.root());
        }
        if (draft.mentionsRoom() || !draft.mentions().isEmpty()) { // a retry records them again, harmlessly
            rooms.mentioned(roomId, appended.message().seq(), caller.id(), draft.mentions(), draft.mentionsRoom());
        }
        return appended;
    }

    // threads are one level deep: an answer to a reply joins its root's thread
    private Message threadRoot(String roomId, long seq) {
        Message target = existing(roomId, seq);
        return target.replyTo() == null ? target : existing(roomId, target.replyTo().seq());
    }

    // who the text names: members by username; @room only from those who run the room
    private MessageStore.Draft draft(Caller caller, String roomId, String text, ReplyTo replyTo) {
        Set<String> names = text.indexOf('@') < 0 ? Set.of() : Mentions.names(text);
        if (names.isEmpty()) {
            return new MessageStore.Draft(text, replyTo, List.of(), false);
        }
        boolean room = names.contains(Mentions.ROOM) && rooms.moderates(roomId, caller.id());
        Map<String, String> members = rooms.membersNamed(roomId, names);
        List<String> mentioned = new ArrayList<>();
        for (String name : names) {
            String userId = members.get(name);
            if (userId != null && !mentioned.contains(userId)) {
                mentioned.add(userId);
            }
        }
        return new MessageStore.Draft(text, replyTo, mentioned, room);
    }

    /** Hands a stored message to Kafka; the outbox learns when Kafka has it. */
    void publish(Message message) {
        events.publish(ChatEvent.messageSent(message), () -> outbox.confirmed(message.roomId(), message.seq()), () -> { });
    }

    /** Hands a stored change to Kafka; until Kafka confirms it, the outbox keeps it for another try. */
    void publishChange(Message message) {
        outbox.changed(message.roomId(), message.version(), message.seq());
        events.publish(ChatEvent.messageUpdated(message),
                () -> outbox.changeConfirmed(message.roomId(), message.version()), () -> { });
    }

    /** Corrects one's own message; the same text again changes nothing. */
    public MessageStore.Changed edit(Caller caller, String roomId, long seq, String text) {
        validateText(text);
        rooms.requireSender(roomId, caller.id());
        Message current = existing(roomId, seq);
        if (!current.senderId().equals(caller.id())) {
            throw ChatProblems.forbidden("not-author", "Only the author edits a message.");
        }
        MessageStore.Draft draft = draft(caller, roomId, text, null);
        MessageStore.Changed changed = change(roomId, seq, m -> m.isDeleted() || m.text().equals(text) ? m
                : m.edited(text, draft.mentions(), draft.mentionsRoom(), Message.now()));
        if (changed.changed() && (named(current) || named(changed.message()))) {
            rooms.mentioned(roomId, seq, caller.id(), changed.message().mentions(),
                    Boolean.TRUE.equals(changed.message().mentionsRoom()));
        }
        return changed;
    }

    /**
     * Leaves a tombstone: the author, the room's owner or moderators, or a realm moderator or
     * admin (in a room they can read). Deleting again changes nothing.
     */
    public MessageStore.Changed delete(Caller caller, String roomId, long seq) {
        rooms.requireReader(roomId, caller.id());
        Message current = store.find(roomId, seq).orElseThrow(ChatProblems::messageNotFound);
        boolean allowed = caller.admin() || caller.moderator() || current.senderId().equals(caller.id())
                || rooms.moderates(roomId, caller.id());
        if (!allowed) {
            throw ChatProblems.forbidden("not-allowed", "Only the author, the room's owner or moderators delete a message.");
        }
        MessageStore.Changed changed = tombstone(current);
        if (changed.changed() && !current.senderId().equals(caller.id())) { // what someone else wrote: audited
            audit.record(caller.id(), "message.delete", "message:" + roomId + ":" + seq,
                    Map.of("roomId", roomId, "seq", seq, "authorId", current.senderId()));
        }
        return changed;
    }

    /**
     * A message past the room's retention: a tombstone like a deletion (text, reactions,
     * mentions, pin and files gone), its seq kept so order stays gap-free.
     */
    public MessageStore.Changed expire(Message current) {
        return tombstone(current);
    }

    /**
     * A message of an account being erased: a tombstone without the author's name (done again,
     * it changes nothing).
     */
    public MessageStore.Changed erase(Message current) {
        MessageStore.Changed changed = tombstone(current, m -> m.fromErasedAccount() ? m : m.erased());
        if (current.replyCount() > 0) { // the replies quote the root: its words and name go from them too
            long after = 0;
            List<Message> replies;
            do {
                replies = store.replies(current.roomId(), current.seq(), after, MAX_PAGE);
                for (Message reply : replies) {
                    if (reply.replyTo() != null && !Message.ERASED_SENDER.equals(reply.replyTo().senderName())) {
                        change(reply.roomId(), reply.seq(), m -> m.replyTo() == null
                                || Message.ERASED_SENDER.equals(m.replyTo().senderName()) ? m : m.withErasedRoot());
                    }
                    after = reply.seq();
                }
            } while (replies.size() == MAX_PAGE);
        }
        return changed;
    }

    private MessageStore.Changed tombstone(Message current) {
        return tombstone(current, m -> m.isDeleted() ? m : m.tombstone());
    }

    private MessageStore.Changed tombstone(Message current, UnaryOperator<Message> tombstone) {
        String roomId = current.roomId();
        long seq = current.seq();
        MessageStore.Changed changed = change(roomId, seq, tombstone);
        if (current.pinned()) {
            store.listPin(roomId, seq, false);
        }
        if (changed.changed() && named(current)) { // a deleted message names nobody
            rooms.mentioned(roomId, seq, current.senderId(), List.of(), false);
        }
        if (current.attachments() != null) { // read before the tombstone, which keeps no files
            attachments.deleted(current);
        }
        return changed;
    }

    /** Adds or takes back the caller's reaction; asking twice is the same as once. */
    public MessageStore.Changed react(Caller caller, String roomId, long seq, String emoji, boolean on) {
        if (!Emoji.isSingle(emoji)) {
            throw ChatProblems.invalid("emoji", "must be a single emoji");
        }
        rooms.requireMember(roomId, caller.id());
        // one read: the change itself finds the message, and a tombstone takes no reaction
        MessageStore.Changed changed = change(roomId, seq, m -> m.isDeleted() ? m : m.withReaction(emoji, caller.id(), on));
        if (changed.message().isDeleted()) {
            throw ChatProblems.messageNotFound();
        }
        return changed;
    }

    /** Pins a message for the room, or unpins it: owners and moderators. */
    public MessageStore.Changed pin(Caller caller, String roomId, long seq, boolean on) {
        rooms.requireMember(roomId, caller.id());
        if (!rooms.moderates(roomId, caller.id())) {
            throw ChatProblems.forbidden("not-allowed", "Only the room's owner or moderators pin messages.");
        }
        Message current = existing(roomId, seq);
        if (on && !current.pinned() && store.pinnedSeqs(roomId).size() >= MAX_PINS) {
            throw ChatProblems.conflict("too-many-pins", "A room keeps at most " + MAX_PINS + " pins; unpin one first.");
        }
        MessageStore.Changed changed = change(roomId, seq, m -> m.isDeleted() ? m : m.withPinned(on));
        store.listPin(roomId, seq, changed.message().pinned());
        if (changed.changed()) {
            audit.record(caller.id(), on ? "message.pin" : "message.unpin", "message:" + roomId + ":" + seq,
                    Map.of("roomId", roomId, "seq", seq, "authorId", current.senderId()));
        }
        return changed;
    }

    /** The room's pinned messages, most recently pinned first. */
    public List<Message> pins(String userId, String roomId) {
        rooms.requireReader(roomId, userId);
        return store.bySeqs(roomId, store.pinnedSeqs(roomId)).stream().filter(Message::pinned).toList();
    }

    /** A thread: the replies to {@code rootSeq} after the reply {@code afterSeq}, oldest first. */
    public List<Message> replies(String userId, String roomId, long rootSeq, long afterSeq, int limit) {
        rooms.requireReader(roomId, userId);
        store.find(roomId, rootSeq).orElseThrow(ChatProblems::messageNotFound);
        return store.replies(roomId, rootSeq, afterSeq, Math.max(1, Math.min(limit, MAX_PAGE + 1)));
    }

    /** What changed in the room after {@code sinceVersion}: the current state of each changed message. */
    public MessageStore.ChangePage changes(String userId, String roomId, long sinceVersion, int limit) {
        rooms.requireReader(roomId, userId);
        return store.changesSince(roomId, sinceVersion, Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    private MessageStore.Changed change(String roomId, long seq, UnaryOperator<Message> change) {
        MessageStore.Changed changed = store.change(roomId, seq, change).orElseThrow(ChatProblems::messageNotFound);
        if (changed.changed()) {
            publishChange(changed.message());
        }
        return changed;
    }

    private static boolean named(Message message) {
        return !message.mentions().isEmpty() || Boolean.TRUE.equals(message.mentionsRoom());
    }

    private Message existing(String roomId, long seq) {
        return store.find(roomId, seq).filter(m -> !m.isDeleted()).orElseThrow(ChatProblems::messageNotFound);
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
