package dev.blau.chat.rooms.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.chat.messages.control.RoomAccess;

/** The rooms' rules of who reads and writes messages. */
@ApplicationScoped
public class RoomMessageAccess implements RoomAccess {

    @Inject
    Rooms rooms;

    @Override
    public void requireReader(String roomId, String userId) {
        rooms.visible(roomId, userId);
    }

    @Override
    public void requireMember(String roomId, String userId) {
        rooms.member(roomId, userId);
    }
}
