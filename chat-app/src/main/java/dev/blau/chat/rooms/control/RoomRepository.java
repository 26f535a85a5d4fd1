package dev.blau.chat.rooms.control;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.RoomMember;

/** Rooms and memberships in PostgreSQL. */
public interface RoomRepository {

    Optional<Room> find(String roomId);

    Optional<Room> findDirect(String directKey);

    /** Rooms the user belongs to, and, unless {@code joinedOnly}, every public room. */
    List<Room> visibleTo(String userId, boolean joinedOnly);

    Optional<RoomMember> membership(String roomId, String userId);

    /** The user's memberships of the given rooms, by room id. */
    Map<String, RoomMember> memberships(String userId, Collection<String> roomIds);

    List<RoomMember> members(String roomId);

    /** The member ids of each of the rooms. */
    Map<String, List<String>> memberIds(Collection<String> roomIds);

    /** Replaces who message {@code seq} names: these users, or (everyone) every member but the sender. */
    void replaceMentions(String roomId, long seq, String senderId, Collection<String> userIds, boolean everyone);

    /** Per room, how many messages after the user's read mark name them (rooms with none left out). */
    Map<String, Long> unreadMentions(String userId);

    /** Forgets the user's mentions in the room up to {@code seq}: they have read them. */
    void clearMentions(String userId, String roomId, long seq);

    /** The room's members among these usernames (any case): lower-cased username → user id. */
    Map<String, String> membersNamed(String roomId, Collection<String> usernames);

    List<String> roomIdsOf(String userId);

    void add(Room room);

    void add(RoomMember member);

    void remove(RoomMember member);

    void remove(Room room);
}
