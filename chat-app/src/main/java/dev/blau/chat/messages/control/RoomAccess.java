package dev.blau.chat.messages.control;

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
}
