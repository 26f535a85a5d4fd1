package dev.blau.chat.messages.control;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who may read and write a room's messages: the rules of rooms, as messages need them
 * (implemented where rooms live, so messages do not depend on rooms). Both answer like a
 * missing room when the user may not see it.
 */
public interface RoomAccess {

    /** Passes when the user may read the room (public, or theirs). */
    void requireReader(String roomId, String userId);

    /** Passes when the user is a member (may send). */
    void requireMember(String roomId, String userId);

    /** Passes when the user is a member who is not muted there (may send, upload, edit). */
    void requireSender(String roomId, String userId);

    /** Whether the member owns or moderates the room. */
    boolean moderates(String roomId, String userId);

    /** Message {@code seq} now names these members (or, {@code everyone}, all but the sender): for their mention counts. */
    void mentioned(String roomId, long seq, String senderId, List<String> userIds, boolean everyone);

    /** The sender stored message {@code seq}: the room is read for them up to it. */
    void sent(String roomId, String senderId, long seq);

    /** The members among these usernames (compared without case): lower-cased username → user id. */
    Map<String, String> membersNamed(String roomId, Collection<String> usernames);
}
