package dev.blau.chat.messages.entity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;

/**
 * A stored message. {@code seq} numbers a room's messages 1, 2, 3, ... with no gaps;
 * {@code clientMsgId} is the sender's own id for it, which makes a retry return this message.
 * {@code version} is the room's change number when the message last changed (0: never):
 * every edit, deletion, reaction, pin or new reply of a room's messages takes the room's next
 * version, so a client that knows the last version it saw can ask for everything since.
 * A deleted message keeps its seq as a tombstone: no text, reactions, mentions or pin.
 */
@JsonbPropertyOrder({"id", "roomId", "seq", "senderId", "senderName", "text", "clientMsgId", "createdAt", "editedAt",
        "deleted", "replyTo", "replyCount", "reactions", "mentions", "mentionsRoom", "pinned", "version", "attachments"})
public record Message(String id, String roomId, long seq, String senderId, String senderName, String text,
                      String clientMsgId, Instant createdAt, Instant editedAt, Boolean deleted, ReplyTo replyTo,
                      int replyCount, List<Reaction> reactions, List<String> mentions, Boolean mentionsRoom,
                      boolean pinned, long version, List<Attachment> attachments) {

    public static final int MAX_TEXT_LENGTH = 4000;

    /** Now, as precisely as the store keeps times: what a sender is answered is what is read back later. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public Message {
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        attachments = attachments == null || attachments.isEmpty() ? null : List.copyOf(attachments); // absent in JSON
    }

    /** A new message, as the sender wrote it. */
    public static Message sent(String id, String roomId, long seq, String senderId, String senderName, String text,
                               String clientMsgId, Instant createdAt, ReplyTo replyTo, List<String> mentions,
                               boolean mentionsRoom, List<Attachment> attachments) {
        return new Message(id, roomId, seq, senderId, senderName, text, clientMsgId, createdAt, null, null, replyTo,
                0, List.of(), mentions, mentionsRoom ? Boolean.TRUE : null, false, 0, attachments);
    }

    @JsonbTransient // "deleted" says it; JSON-B would also write this as "isDeleted"
    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    public Message edited(String newText, List<String> newMentions, boolean newMentionsRoom, Instant at) {
        return new Message(id, roomId, seq, senderId, senderName, newText, clientMsgId, createdAt, at, deleted, replyTo,
                replyCount, reactions, newMentions, newMentionsRoom ? Boolean.TRUE : null, pinned, version, attachments);
    }

    /** The message's attachments, empty when it has none. */
    public List<Attachment> files() {
        return attachments == null ? List.of() : attachments;
    }

    /** The tombstone: the seq and who wrote it stay, the content goes (its files too). */
    public Message tombstone() {
        return new Message(id, roomId, seq, senderId, senderName, "", clientMsgId, createdAt, editedAt, Boolean.TRUE,
                replyTo, replyCount, List.of(), List.of(), null, false, version, null);
    }

    /** Who an erased account's messages are from: nothing of the person stays but an opaque id. */
    public static final String ERASED_SENDER = "Deleted user";

    /** The tombstone of a message whose author's account was erased: their name goes too. */
    public Message erased() {
        return new Message(id, roomId, seq, senderId, ERASED_SENDER, "", clientMsgId, createdAt, editedAt, Boolean.TRUE,
                replyTo, replyCount, List.of(), List.of(), null, false, version, null);
    }

    /** A reply whose root was erased: the quote of it goes (its seq stays, the thread holds). */
    public Message withErasedRoot() {
        return new Message(id, roomId, seq, senderId, senderName, text, clientMsgId, createdAt, editedAt, deleted,
                new ReplyTo(replyTo.seq(), ERASED_SENDER, ""), replyCount, reactions, mentions, mentionsRoom, pinned,
                version, attachments);
    }

    public boolean fromErasedAccount() {
        return isDeleted() && ERASED_SENDER.equals(senderName);
    }

    public Message withReaction(String emoji, String userId, boolean on) {
        List<Reaction> next = new ArrayList<>();
        boolean found = false;
        for (Reaction reaction : reactions) {
            if (reaction.emoji().equals(emoji)) {
                found = true;
                Reaction changed = on ? reaction.with(userId) : reaction.without(userId);
                if (changed.count() > 0) {
                    next.add(changed);
                }
            } else {
                next.add(reaction);
            }
        }
        if (!found && on) {
            next.add(new Reaction(emoji, 1, null, List.of(userId)));
        }
        return new Message(id, roomId, seq, senderId, senderName, text, clientMsgId, createdAt, editedAt, deleted,
                replyTo, replyCount, next, mentions, mentionsRoom, pinned, version, attachments);
    }

    public Message withPinned(boolean on) {
        return new Message(id, roomId, seq, senderId, senderName, text, clientMsgId, createdAt, editedAt, deleted,
                replyTo, replyCount, reactions, mentions, mentionsRoom, on, version, attachments);
    }

    public Message withReplyCount(int count) {
        return new Message(id, roomId, seq, senderId, senderName, text, clientMsgId, createdAt, editedAt, deleted,
                replyTo, count, reactions, mentions, mentionsRoom, pinned, version, attachments);
    }

    public Message withVersion(long newVersion) {
        return new Message(id, roomId, seq, senderId, senderName, text, clientMsgId, createdAt, editedAt, deleted,
                replyTo, replyCount, reactions, mentions, mentionsRoom, pinned, newVersion, attachments);
    }

    /** As one user sees it: which reactions are theirs. Broadcasts leave {@code me} out (one frame for all). */
    public Message seenBy(String userId) {
        if (reactions.isEmpty()) {
            return this;
        }
        return new Message(id, roomId, seq, senderId, senderName, text, clientMsgId, createdAt, editedAt, deleted,
                replyTo, replyCount, reactions.stream().map(r -> r.seenBy(userId)).toList(), mentions, mentionsRoom,
                pinned, version, attachments);
    }
}
