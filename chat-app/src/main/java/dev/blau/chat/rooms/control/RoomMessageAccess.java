package dev.blau.chat.rooms.control;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.messages.control.RoomAccess;

/** The rooms' rules of who reads and writes messages. */
@ApplicationScoped
public class RoomMessageAccess implements RoomAccess {

    @Inject
    Rooms rooms;

    @Inject
    RoomRepository repository;

    @Inject
    ReadMarks readMarks;

    @Override
    public void requireReader(String roomId, String userId) {
        rooms.visible(roomId, userId);
    }

    @Override
    public void requireMember(String roomId, String userId) {
        rooms.member(roomId, userId);
    }

    @Override
    public void requireSender(String roomId, String userId) {
        java.time.Instant mutedUntil = rooms.member(roomId, userId).mutedUntil();
        if (mutedUntil != null) {
            throw ChatProblems.muted(mutedUntil);
        }
    }

    @Override
    public boolean moderates(String roomId, String userId) {
        return repository.membership(roomId, userId).map(m -> m.role().manages()).orElse(false);
    }

    @Override
    public void mentioned(String roomId, long seq, String senderId, List<String> userIds, boolean everyone) {
        repository.replaceMentions(roomId, seq, senderId, userIds, everyone);
    }

    @Override
    public void sent(String roomId, String senderId, long seq) {
        readMarks.sent(roomId, senderId, seq);
    }

    @Override
    public Map<String, String> membersNamed(String roomId, Collection<String> usernames) {
        return usernames.isEmpty() ? Map.of() : repository.membersNamed(roomId, usernames);
    }
}
