package dev.blau.chat.messages.control;

import java.util.List;

import dev.blau.chat.messages.entity.Attachment;
import dev.blau.chat.messages.entity.Message;

/**
 * The files a message carries, as messages need them (implemented where files live, so
 * messages do not depend on files).
 */
public interface Attachments {

    int MAX_PER_MESSAGE = 10;

    /**
     * Claims these uploads for the sender's send {@code clientMsgId}, in the order given: each must
     * be the sender's own upload to the room, unsent or claimed by this same send (a retry).
     * Refused with {@code invalid-attachment} otherwise.
     */
    List<Attachment> claim(String roomId, String senderId, String clientMsgId, List<String> fileIds);

    /** The send was stored as {@code seq}: its files are sent and no longer expire. */
    void sent(String roomId, String senderId, String clientMsgId, long seq);

    /** The message was deleted: its files go. */
    void deleted(Message message);
}
