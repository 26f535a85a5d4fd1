package dev.blau.chat.privacy.control;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.control.Messages;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.search.control.AuthoredMessages;
import dev.blau.chat.users.control.ChatUsers;

/**
 * chat-app's part of erasing an account: the names go from the user directory, the person
 * leaves every room (an owner's room passes on; in a direct-message room they stay, never to
 * send again, so the other person keeps the conversation), and every message they wrote
 * becomes a tombstone from "Deleted user" — its text, reactions, pin and files gone, its seq
 * kept so each room's order stays gap-free. Every step may run again: one pass that changes
 * nothing is the sign the part is done.
 */
@ApplicationScoped
public class ChatErasure {

    static final int PAGE = 200;

    @Inject
    ChatUsers users;

    @Inject
    Rooms rooms;

    @Inject
    AuthoredMessages authored;

    @Inject
    MessageStore store;

    @Inject
    Messages messages;

    /** One pass over the person's data; returns how many messages it changed (0: nothing was left). */
    public int erase(String userId) {
        users.erase(userId);
        rooms.removeErased(new UserRef(userId, ChatUsers.ERASED_NAME, ChatUsers.ERASED_NAME));
        int changed = 0;
        AuthoredMessages.Key after = null;
        while (true) {
            List<AuthoredMessages.Key> keys = authored.page(userId, after, false, PAGE);
            Map<String, List<Long>> byRoom = AuthoredMessages.byRoom(keys);
            for (Map.Entry<String, List<Long>> room : byRoom.entrySet()) {
                for (Message message : store.bySeqs(room.getKey(), room.getValue())) {
                    if (userId.equals(message.senderId()) && !message.fromErasedAccount()) {
                        MessageStore.Changed result = messages.erase(message);
                        if (result.changed()) {
                            changed++;
                        }
                    }
                }
            }
            if (keys.size() < PAGE) {
                return changed;
            }
            after = keys.get(keys.size() - 1);
        }
    }
}
