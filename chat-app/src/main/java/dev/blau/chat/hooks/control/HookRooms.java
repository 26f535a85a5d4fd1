package dev.blau.chat.hooks.control;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.rooms.entity.Room;

/** Who manages a room's webhooks: its owner and moderators, and the realm's moderators and administrators. */
final class HookRooms {

    private HookRooms() {
    }

    /** The room, if the caller manages its webhooks; 404 for a room they may not see, else 403. */
    static Room requireManager(Rooms rooms, Caller caller, String roomId) {
        Room room = rooms.visible(roomId, caller.id());
        boolean manages = caller.admin() || caller.moderator()
                || rooms.membership(roomId, caller.id()).map(m -> m.role().manages()).orElse(false);
        if (!manages) {
            throw ChatProblems.forbidden("not-a-moderator", "Only the room's owner and moderators manage its webhooks.");
        }
        return room;
    }
}
