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

    List<String> roomIdsOf(String userId);

    void add(Room room);

    void add(RoomMember member);

    void remove(RoomMember member);

    void remove(Room room);
}
