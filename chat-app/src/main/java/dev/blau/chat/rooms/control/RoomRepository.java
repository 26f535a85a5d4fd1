package dev.blau.chat.rooms.control;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.RoomMember;
import dev.blau.chat.rooms.entity.RoomSanction;

/** Rooms and memberships in PostgreSQL. */
public interface RoomRepository {

    Optional<Room> find(String roomId);

    Optional<Room> findDirect(String directKey);

    /** Every room the user belongs to. */
    List<Room> joinedBy(String userId);

    /**
     * Up to {@code limit} public rooms whose name contains {@code contains} (any case; null: all),
     * in name order after the room {@code after} (null: from the first).
     */
    List<Room> publicRooms(String contains, RoomCursor after, int limit);

    /** Public and private rooms (no direct-message rooms), as {@link #publicRooms}: for administrators. */
    List<Room> sharedRooms(String contains, RoomCursor after, int limit);

    /** How many members each of the rooms has (rooms without any left out). */
    Map<String, Long> memberCounts(Collection<String> roomIds);

    /** When the rooms the user owns that were created after {@code since} were created, oldest first. */
    List<Instant> ownedCreatedSince(String userId, Instant since);

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

    Optional<RoomSanction> sanction(String roomId, String userId, RoomSanction.Kind kind);

    /** The room's bans or mutes in force at {@code now}, newest first. */
    List<RoomSanction> sanctions(String roomId, RoomSanction.Kind kind, Instant now);

    void add(RoomSanction sanction);

    void remove(RoomSanction sanction);
}
