package dev.blau.chat.rooms.entity;

import java.time.Instant;
import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import dev.blau.chat.messages.entity.Message;

/**
 * A room as a client sees it. {@code members} only in details; {@code role}, {@code unread},
 * {@code mentionUnread}, {@code lastReadSeq}, {@code notifications} and {@code mutedUntil} are the caller's own; absent members are left out of the JSON.
 */
@JsonbPropertyOrder({"id", "name", "description", "visibility", "ownerId", "createdAt", "joined", "role",
        "memberCount", "onlineCount", "unread", "mentionUnread", "lastReadSeq", "notifications", "mutedUntil", "lastMessage", "members"})
public record RoomView(String id, String name, String description, String visibility, String ownerId,
                       Instant createdAt, Boolean joined, String role, long memberCount, Long onlineCount,
                       Long unread, Long mentionUnread, Long lastReadSeq, String notifications, Instant mutedUntil,
                       Message lastMessage, List<MemberView> members) {

    /** The part every member may see, for live events: nothing of any one member's own state. */
    public static RoomView shared(Room room, long memberCount) {
        return new RoomView(room.id(), room.name(), room.description(), room.visibility().wire(), room.ownerId(),
                room.createdAt(), null, null, memberCount, null, null, null, null, null, null, null, null);
    }
}
