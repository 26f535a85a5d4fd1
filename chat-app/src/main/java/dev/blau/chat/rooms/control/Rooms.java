package dev.blau.chat.rooms.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.callers.UserRef;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.rooms.entity.Role;
import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.RoomMember;
import dev.blau.chat.rooms.entity.RoomSanction;
import dev.blau.chat.rooms.entity.RoomView;
import dev.blau.chat.rooms.entity.Visibility;
import dev.blau.chat.usage.control.Usage;
import dev.blau.chat.users.control.ChatUsers;
import dev.blau.common.audit.AuditLog;

/**
 * The rules of rooms: who may see, join, manage and delete them. A room the caller may not
 * see fails exactly like one that does not exist. Every change fires a {@link ChatEvent},
 * which is published to Kafka once the transaction has committed.
 */
@ApplicationScoped
@Transactional
public class Rooms {

    @Inject
    RoomRepository repository;

    @Inject
    ChatUsers users;

    @Inject
    Event<ChatEvent> events;

    @Inject
    AuditLog audit;

    @Inject
    Usage usage;

    private static final Duration CREATION_WINDOW = Duration.ofHours(1);

    /** Rooms one user may create in an hour: room lists and browsing stay usable, whoever floods them. */
    @Inject
    @ConfigProperty(name = "chat.rooms.per-hour", defaultValue = "20")
    int roomsPerHour;

    /** The room, if the user may see it: public, or one they belong to. */
    public Room visible(String roomId, String userId) {
        Room room = repository.find(roomId).orElseThrow(ChatProblems::roomNotFound);
        if (room.visibility() != Visibility.PUBLIC && repository.membership(roomId, userId).isEmpty()) {
            throw ChatProblems.roomNotFound();
        }
        return room;
    }

    /** The user's membership; 404 if they may not see the room, 403 for a public room they have not joined. */
    public RoomMember member(String roomId, String userId) {
        Room room = visible(roomId, userId);
        return repository.membership(room.id(), userId).orElseThrow(() -> ChatProblems.forbidden("not-a-member",
                "Join the room first."));
    }

    public Optional<RoomMember> membership(String roomId, String userId) {
        return repository.membership(roomId, userId);
    }

    public Room create(Caller caller, String name, String description, Visibility visibility, List<String> invited) {
        if (visibility == Visibility.DIRECT) {
            throw ChatProblems.invalid("visibility", "use POST /direct for a direct-message room");
        }
        requirePerson(caller, "create rooms");
        Instant now = Instant.now();
        List<Instant> lastHour = repository.ownedCreatedSince(caller.id(), now.minus(CREATION_WINDOW));
        if (lastHour.size() >= roomsPerHour) {
            // free again when the oldest creation that counts leaves the window
            Instant freeAt = lastHour.get(lastHour.size() - roomsPerHour).plus(CREATION_WINDOW);
            throw ChatProblems.tooManyRooms(roomsPerHour, Math.max(1, Duration.between(now, freeAt).toSeconds() + 1));
        }
        Room room = new Room(UUID.randomUUID().toString(), name, description, visibility, caller.id(), null);
        repository.add(room);
        usage.roomCreated();
        repository.add(new RoomMember(room.id(), caller.id(), Role.OWNER));
        Set<String> others = new LinkedHashSet<>(invited == null ? List.of() : invited);
        others.remove(caller.id());
        for (String userId : others) {
            if (users.find(userId).isEmpty()) {
                throw ChatProblems.userNotFound("members");
            }
            repository.add(new RoomMember(room.id(), userId, Role.MEMBER));
        }
        List<String> memberIds = Stream.concat(Stream.of(caller.id()), others.stream()).toList();
        events.fire(ChatEvent.roomCreated(RoomView.shared(room, memberIds.size()), caller.ref(), memberIds));
        return room;
    }

    /** The direct-message room of the caller and another user, created on first use. */
    public Room direct(Caller caller, String otherId) {
        requirePerson(caller, "start direct conversations");
        if (otherId.equals(caller.id())) {
            throw ChatProblems.invalid("userId", "a direct-message room needs another user");
        }
        UserRef other = users.find(otherId).orElseThrow(() -> ChatProblems.userNotFound("userId"));
        String key = caller.id().compareTo(otherId) < 0 ? caller.id() + ":" + otherId : otherId + ":" + caller.id();
        Optional<Room> existing = repository.findDirect(key);
        if (existing.isPresent()) {
            return existing.get();
        }
        Room room = new Room(UUID.randomUUID().toString(), caller.displayName() + " & " + other.displayName(), null,
                Visibility.DIRECT, caller.id(), key);
        try {
            repository.add(room);
        } catch (PersistenceException raced) {
            // both users opened it at once: the transaction is spoiled, the client retries and finds it
            throw ChatProblems.conflict("direct-room-race", "The room was just created; try again.");
        }
        usage.roomCreated();
        repository.add(new RoomMember(room.id(), caller.id(), Role.MEMBER));
        repository.add(new RoomMember(room.id(), otherId, Role.MEMBER));
        events.fire(ChatEvent.roomCreated(RoomView.shared(room, 2), caller.ref(), List.of(caller.id(), otherId)));
        return room;
    }

    public Room update(Caller caller, String roomId, String name, String description, Visibility visibility) {
        RoomMember me = member(roomId, caller.id());
        Room room = repository.find(roomId).orElseThrow(ChatProblems::roomNotFound);
        if (!me.role().manages() && !caller.admin()) {
            throw ChatProblems.forbidden("not-a-moderator", "Only the room's owner and moderators may change it.");
        }
        if (room.visibility() == Visibility.DIRECT) {
            throw ChatProblems.conflict("direct-room", "A direct-message room cannot be changed.");
        }
        if (visibility == Visibility.DIRECT) {
            throw ChatProblems.invalid("visibility", "must be public or private");
        }
        Visibility before = room.visibility();
        if (visibility != null && visibility != before && !room.ownerId().equals(caller.id()) && !caller.admin()) {
            // a private room's whole history would become readable by anyone: the owner's call alone
            throw ChatProblems.forbidden("not-the-owner", "Only the room's owner changes its visibility.");
        }
        String nameBefore = room.name();
        room.rename(name == null ? room.name() : name, description == null ? room.description() : description);
        if (visibility != null) {
            room.changeVisibility(visibility);
        }
        audit.record(caller.id(), "room.update", "room:" + roomId, RoomModeration.details(room,
                "nameBefore", nameBefore.equals(room.name()) ? null : nameBefore,
                "visibilityBefore", before == room.visibility() ? null : before.wire(),
                "visibility", before == room.visibility() ? null : room.visibility().wire()));
        events.fire(ChatEvent.roomUpdated(RoomView.shared(room, repository.members(roomId).size()), caller.ref()));
        return room;
    }

    /** Deletes the room; returns the ids of its members, who are told live. */
    public List<String> delete(Caller caller, String roomId) {
        // an administrator deletes any room (a spam room is often private); others only what they see
        Room room = caller.admin() ? repository.find(roomId).orElseThrow(ChatProblems::roomNotFound)
                : visible(roomId, caller.id());
        if (!room.ownerId().equals(caller.id()) && !caller.admin()) {
            throw ChatProblems.forbidden("not-the-owner", "Only the room's owner or an administrator may delete it.");
        }
        List<String> memberIds = repository.members(roomId).stream().map(RoomMember::userId).toList();
        repository.remove(room);
        events.fire(ChatEvent.roomDeleted(roomId, caller.ref(), memberIds));
        audit.record(caller.id(), "room.delete", "room:" + roomId, RoomModeration.details(room,
                "members", memberIds.size()));
        return memberIds;
    }

    /** Bots act in the rooms people added them to, and nowhere else. */
    private static void requirePerson(Caller caller, String what) {
        if (caller.bot()) {
            throw ChatProblems.forbidden("bot", "Bots do not " + what + "; a room's owner or moderator adds them.");
        }
    }

    /** Joins a public room; true when the caller was not a member before. */
    public boolean join(Caller caller, String roomId) {
        Room room = visible(roomId, caller.id());
        if (repository.membership(roomId, caller.id()).isPresent()) {
            return false;
        }
        requirePerson(caller, "join rooms by themselves");
        if (room.visibility() != Visibility.PUBLIC) {
            throw ChatProblems.roomNotFound(); // unreachable for non-members: visible() said so
        }
        requireNotBanned(roomId, caller.id());
        repository.add(newMember(roomId, caller.id()));
        events.fire(ChatEvent.userJoined(roomId, caller.ref()));
        return true;
    }

    /**
     * Leaves a room. An owner who leaves hands the room to the longest-standing moderator,
     * else member; the last member of a private room deletes it.
     */
    public void leave(Caller caller, String roomId) {
        RoomMember me = member(roomId, caller.id());
        Room room = repository.find(roomId).orElseThrow(ChatProblems::roomNotFound);
        if (room.visibility() == Visibility.DIRECT) {
            throw ChatProblems.conflict("direct-room", "A direct-message room cannot be left.");
        }
        leave(caller.ref(), me, room);
    }

    private void leave(UserRef user, RoomMember me, Room room) {
        String roomId = room.id();
        repository.remove(me);
        List<RoomMember> rest = new ArrayList<>(repository.members(roomId));
        rest.removeIf(m -> m.userId().equals(user.id()));
        if (rest.isEmpty() && room.visibility() == Visibility.PRIVATE) {
            repository.remove(room);
            events.fire(ChatEvent.roomDeleted(roomId, user, List.of(user.id())));
            return;
        }
        if (room.ownerId().equals(user.id()) && !rest.isEmpty()) {
            RoomMember heir = rest.stream().filter(m -> m.role() == Role.MODERATOR).findFirst().orElse(rest.get(0));
            heir.changeRole(Role.OWNER);
            room.transferTo(heir.userId());
            events.fire(ChatEvent.roomUpdated(RoomView.shared(room, rest.size()), user));
        }
        events.fire(ChatEvent.userLeft(roomId, user));
    }

    /** A room the user belongs to, with their membership (for the export of their data). */
    public record Membership(Room room, RoomMember member) {
    }

    public List<Membership> membershipsOf(String userId) {
        return repository.joinedBy(userId);
    }

    /**
     * An erased account leaves every room as if they had left it themselves (an owner's room
     * passes to another member); in a direct-message room they stay, for the other person keeps
     * the conversation, but may never send again.
     */
    public void removeErased(UserRef user) {
        for (Membership membership : membershipsOf(user.id())) {
            if (membership.room().visibility() == Visibility.DIRECT) {
                membership.member().mute(RoomMember.FOREVER);
            } else {
                leave(user, membership.member(), membership.room());
            }
        }
    }

    /** Adds a user to a private room (owner or moderator). */
    public UserRef invite(Caller caller, String roomId, String userId) {
        RoomMember me = member(roomId, caller.id());
        Room room = repository.find(roomId).orElseThrow(ChatProblems::roomNotFound);
        if (room.visibility() == Visibility.DIRECT) {
            throw ChatProblems.conflict("direct-room", "A direct-message room has exactly two members.");
        }
        if (!me.role().manages()) {
            throw ChatProblems.forbidden("not-a-moderator", "Only the room's owner and moderators may invite.");
        }
        UserRef invited = users.find(userId).orElseThrow(() -> ChatProblems.userNotFound("userId"));
        if (repository.membership(roomId, userId).isEmpty()) {
            requireNotBanned(roomId, userId);
            repository.add(newMember(roomId, userId));
            events.fire(ChatEvent.userJoined(roomId, invited));
        }
        return invited;
    }

    /** Removes another member (owner or moderator; the owner cannot be removed). */
    public void remove(Caller caller, String roomId, String userId) {
        if (userId.equals(caller.id())) {
            leave(caller, roomId);
            return;
        }
        RoomMember me = member(roomId, caller.id());
        Room room = repository.find(roomId).orElseThrow(ChatProblems::roomNotFound);
        if (!me.role().manages() || room.visibility() == Visibility.DIRECT) {
            throw ChatProblems.forbidden("not-a-moderator", "Only the room's owner and moderators may remove members.");
        }
        RoomMember target = repository.membership(roomId, userId).orElseThrow(() -> ChatProblems.userNotFound("userId"));
        if (target.role() == Role.OWNER || (target.role() == Role.MODERATOR && me.role() != Role.OWNER)) {
            throw ChatProblems.forbidden("not-the-owner", "Only the owner may remove a moderator; nobody removes the owner.");
        }
        repository.remove(target);
        events.fire(ChatEvent.userLeft(roomId, users.find(userId).orElse(new UserRef(userId, userId, userId))));
        audit.record(caller.id(), "room.member.remove", "user:" + userId, RoomModeration.details(room));
    }

    /** Sets a member's role to moderator or member (owner only). */
    public void changeRole(Caller caller, String roomId, String userId, Role role) {
        RoomMember me = member(roomId, caller.id());
        if (me.role() != Role.OWNER) {
            throw ChatProblems.forbidden("not-the-owner", "Only the owner may change roles.");
        }
        if (role == Role.OWNER) {
            throw ChatProblems.invalid("role", "must be moderator or member");
        }
        RoomMember target = repository.membership(roomId, userId).orElseThrow(() -> ChatProblems.userNotFound("userId"));
        if (target.role() == Role.OWNER) {
            throw ChatProblems.conflict("owner-role", "The owner's role cannot change; leave the room to hand it over.");
        }
        Role before = target.role();
        target.changeRole(role);
        Room room = repository.find(roomId).orElseThrow(ChatProblems::roomNotFound);
        audit.record(caller.id(), "room.role", "user:" + userId, RoomModeration.details(room,
                "roleBefore", before.wire(), "role", role.wire()));
        events.fire(ChatEvent.roomUpdated(RoomView.shared(room, repository.members(roomId).size()), caller.ref()));
    }

    public void markRead(String userId, String roomId, long seq) {
        RoomMember member = member(roomId, userId);
        member.markRead(seq);
        repository.clearMentions(userId, roomId, member.lastReadSeq());
    }

    /** What the member is notified of in the room: all, mentions or none (every device of theirs). */
    public void notifications(String userId, String roomId, String level) {
        member(roomId, userId).changeNotifications(level);
    }

    // a ban in force refuses joining and being invited (RoomModeration places them)
    private void requireNotBanned(String roomId, String userId) {
        repository.sanction(roomId, userId, RoomSanction.Kind.BAN).filter(ban -> ban.active(Instant.now()))
                .ifPresent(ban -> {
                    throw ChatProblems.banned(ban.until());
                });
    }

    // a member again: a mute in force follows them back in
    private RoomMember newMember(String roomId, String userId) {
        RoomMember member = new RoomMember(roomId, userId, Role.MEMBER);
        repository.sanction(roomId, userId, RoomSanction.Kind.MUTE).filter(mute -> mute.active(Instant.now()))
                .ifPresent(mute -> member.mute(mute.until()));
        return member;
    }

    public List<String> roomIdsOf(String userId) {
        return repository.roomIdsOf(userId);
    }

    public List<String> memberIds(String roomId) {
        return repository.members(roomId).stream().map(RoomMember::userId).toList();
    }
}
