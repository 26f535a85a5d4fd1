package dev.blau.chat.messages.entity;

import java.time.Instant;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A stored message. {@code seq} numbers a room's messages 1, 2, 3, ... with no gaps;
 * {@code clientMsgId} is the sender's own id for it, which makes a retry return this message.
 */
@JsonbPropertyOrder({"id", "roomId", "seq", "senderId", "senderName", "text", "clientMsgId", "createdAt"})
public record Message(String id, String roomId, long seq, String senderId, String senderName, String text,
                      String clientMsgId, Instant createdAt) {

    public static final int MAX_TEXT_LENGTH = 4000;
}
