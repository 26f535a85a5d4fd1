package dev.blau.chat.events.entity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.rooms.entity.RoomView;

/**
 * What chat servers tell each other and the rest of the system through Kafka, keyed by room
 * id so each room's events stay in order. Domain events ({@code room.created},
 * {@code room.updated}, {@code room.deleted}, {@code message.sent}, {@code message.updated}, {@code user.joined.room},
 * {@code user.left.room}, {@code user.banned}, {@code user.muted}) go to {@code blau.chat-events}; ephemeral signals ({@code typing},
 * {@code presence}) to {@code blau.chat-signals}. Absent members are left out of the JSON.
 */
@JsonbPropertyOrder({"eventId", "type", "time", "roomId", "user", "message", "room", "typing", "status",
        "roomIds", "memberIds", "sessionId", "until", "reason"})
public record ChatEvent(String eventId, String type, Instant time, String roomId, UserRef user, Message message,
                        RoomView room, Boolean typing, String status, List<String> roomIds, List<String> memberIds,
                        String sessionId, Instant until, String reason) {

    public static final String ROOM_CREATED = "room.created";
    public static final String ROOM_UPDATED = "room.updated";
    public static final String ROOM_DELETED = "room.deleted";
    public static final String MESSAGE_SENT = "message.sent";
    /** A message changed (edit, deletion, reaction, pin, reply count): its whole current state, with its version. */
    public static final String MESSAGE_UPDATED = "message.updated";
    public static final String USER_JOINED_ROOM = "user.joined.room";
    public static final String USER_LEFT_ROOM = "user.left.room";
    public static final String TYPING = "typing";
    public static final String PRESENCE = "presence";
    /** A Keycloak session ended (back-channel logout): its sockets close on every server. */
    public static final String SESSION_ENDED = "session.ended";
    /** A user was disabled: all their sockets close on every server. */
    public static final String USER_DISABLED = "user.disabled";
    /** A user was banned from a room ({@code reason}, {@code until}: absent for good); their sockets are told. */
    public static final String USER_BANNED = "user.banned";
    /** A member's sends are refused in the room until {@code until}; absent: the mute was lifted. */
    public static final String USER_MUTED = "user.muted";

    private static ChatEvent of(String type, String roomId, UserRef user, Message message, RoomView room,
                                Boolean typing, String status, List<String> roomIds, List<String> memberIds) {
        return new ChatEvent(UUID.randomUUID().toString(), type, Instant.now(), roomId, user, message, room, typing,
                status, roomIds, memberIds, null, null, null);
    }

    public static ChatEvent roomCreated(RoomView room, UserRef by, List<String> memberIds) {
        return of(ROOM_CREATED, room.id(), by, null, room, null, null, null, memberIds);
    }

    public static ChatEvent roomUpdated(RoomView room, UserRef by) {
        return of(ROOM_UPDATED, room.id(), by, null, room, null, null, null, null);
    }

    /** {@code memberIds}: who belonged to it, so their open connections can be told. */
    public static ChatEvent roomDeleted(String roomId, UserRef by, List<String> memberIds) {
        return of(ROOM_DELETED, roomId, by, null, null, null, null, null, memberIds);
    }

    public static ChatEvent messageSent(Message message) {
        return of(MESSAGE_SENT, message.roomId(), null, message, null, null, null, null, null);
    }

    public static ChatEvent messageUpdated(Message message) {
        return of(MESSAGE_UPDATED, message.roomId(), null, message, null, null, null, null, null);
    }

    public static ChatEvent userJoined(String roomId, UserRef user) {
        return of(USER_JOINED_ROOM, roomId, user, null, null, null, null, null, null);
    }

    public static ChatEvent userLeft(String roomId, UserRef user) {
        return of(USER_LEFT_ROOM, roomId, user, null, null, null, null, null, null);
    }

    public static ChatEvent typing(String roomId, UserRef user, boolean typing) {
        return of(TYPING, roomId, user, null, null, typing, null, null, null);
    }

    /** {@code roomIds}: the user's rooms, whose members see the change. */
    public static ChatEvent presence(UserRef user, String status, List<String> roomIds) {
        return of(PRESENCE, null, user, null, null, null, status, roomIds, null);
    }

    /** {@code sessionId} null: every session of the user. */
    public static ChatEvent sessionEnded(UserRef user, String sessionId) {
        return new ChatEvent(UUID.randomUUID().toString(), SESSION_ENDED, Instant.now(), null, user, null, null, null,
                null, null, null, sessionId, null, null);
    }

    public static ChatEvent userDisabled(UserRef user) {
        return of(USER_DISABLED, null, user, null, null, null, null, null, null);
    }

    public static ChatEvent userBanned(String roomId, UserRef user, String reason, Instant until) {
        return new ChatEvent(UUID.randomUUID().toString(), USER_BANNED, Instant.now(), roomId, user, null, null, null,
                null, null, null, null, until, reason);
    }

    /** {@code until} null: unmuted. */
    public static ChatEvent userMuted(String roomId, UserRef user, Instant until) {
        return new ChatEvent(UUID.randomUUID().toString(), USER_MUTED, Instant.now(), roomId, user, null, null, null,
                null, null, null, null, until, null);
    }

    /** Typing and presence: they may be lost, so they travel apart from the events that must not be. */
    public boolean ephemeral() {
        return TYPING.equals(type) || PRESENCE.equals(type);
    }

    /** The Kafka record key: the room, so one room's events keep their order. */
    public String key() {
        return roomId != null ? roomId : user.id();
    }
}
