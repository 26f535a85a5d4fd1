package dev.blau.chat.rooms.control;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.callers.UserRef;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.rooms.entity.Role;
import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.RoomMember;
import dev.blau.chat.rooms.entity.RoomSanction;
import dev.blau.chat.rooms.entity.RoomSanction.Kind;
import dev.blau.chat.rooms.entity.Visibility;
import dev.blau.chat.users.control.ChatUsers;
import dev.blau.common.audit.AuditLog;

/**
 * Bans and mutes, by a room's owner and moderators (a moderator over members only; nobody over
 * the owner or themselves) and by the realm's moderators and administrators (in every room they
 * can see, as its owner would). A ban removes the member at once (their sockets on every server
 * unfollow the room, through the {@code user.left.room} event) and refuses their rejoining and
 * being invited until it ends; a mute refuses their sends until it ends, also after leaving and
 * rejoining. Each is audited in the same transaction.
 */
@ApplicationScoped
@Transactional
public class RoomModeration {

    /** The longest ban or mute with an end; longer is a ban for good (no {@code until}). */
    static final Duration LONGEST = Duration.ofDays(3_650);

    @Inject
    Rooms rooms;

    @Inject
    RoomRepository repository;

    @Inject
    ChatUsers users;

    @Inject
    Event<ChatEvent> events;

    @Inject
    AuditLog audit;

    /** A ban or mute as clients see it. */
    public record Sanction(String roomId, String userId, String username, String displayName, String reason,
                           Instant until, String by, Instant at) {
    }

    public Sanction ban(Caller caller, String roomId, String userId, String reason, Instant until) {
        Room room = moderated(caller, roomId);
        UserRef target = sanctionable(caller, room, userId, until, "ban");
        RoomSanction ban = place(room.id(), userId, Kind.BAN, reason, until, caller.id());
        repository.sanction(roomId, userId, Kind.MUTE).ifPresent(repository::remove); // the ban says it all
        events.fire(ChatEvent.userBanned(roomId, target, reason, until));
        repository.membership(roomId, userId).ifPresent(member -> {
            repository.remove(member);
            events.fire(ChatEvent.userLeft(roomId, target));
        });
        audit.record(caller.id(), "room.ban", "user:" + userId, details(room, "reason", reason, "until", until));
        return view(ban, target);
    }

    /** Lifts a ban; nothing to lift is no error. */
    public void unban(Caller caller, String roomId, String userId) {
        Room room = moderated(caller, roomId);
        Optional<RoomSanction> ban = repository.sanction(roomId, userId, Kind.BAN);
        if (ban.isPresent()) {
            repository.remove(ban.get());
            audit.record(caller.id(), "room.unban", "user:" + userId, details(room));
        }
    }

    public Sanction mute(Caller caller, String roomId, String userId, Instant until) {
        Room room = moderated(caller, roomId);
        if (until == null) {
            throw ChatProblems.invalid("until", "a mute needs an end; ban for good instead");
        }
        UserRef target = sanctionable(caller, room, userId, until, "mute");
        RoomMember member = repository.membership(roomId, userId)
                .orElseThrow(() -> ChatProblems.invalid("userId", "is not a member of this room"));
        RoomSanction mute = place(room.id(), userId, Kind.MUTE, null, until, caller.id());
        member.mute(until);
        events.fire(ChatEvent.userMuted(roomId, target, until));
        audit.record(caller.id(), "room.mute", "user:" + userId, details(room, "until", until));
        return view(mute, target);
    }

    /** Lifts a mute; nothing to lift is no error. */
    public void unmute(Caller caller, String roomId, String userId) {
        Room room = moderated(caller, roomId);
        Optional<RoomSanction> mute = repository.sanction(roomId, userId, Kind.MUTE);
        repository.membership(roomId, userId).ifPresent(member -> member.mute(null));
        if (mute.isPresent()) {
            repository.remove(mute.get());
            events.fire(ChatEvent.userMuted(roomId, userRef(userId), null));
            audit.record(caller.id(), "room.unmute", "user:" + userId, details(room));
        }
    }

    public List<Sanction> bans(Caller caller, String roomId) {
        return list(caller, roomId, Kind.BAN);
    }

    public List<Sanction> mutes(Caller caller, String roomId) {
        return list(caller, roomId, Kind.MUTE);
    }

    private List<Sanction> list(Caller caller, String roomId, Kind kind) {
        moderated(caller, roomId);
        return repository.sanctions(roomId, kind, Instant.now()).stream()
                .map(s -> view(s, userRef(s.userId()))).toList();
    }

    // the caller owns or moderates the room (or moderates everywhere), which is not a direct-message room
    private Room moderated(Caller caller, String roomId) {
        boolean everywhere = moderatesEverywhere(caller);
        // a site moderator moderates the rooms they can see; anyone else, the rooms they belong to
        Role role = everywhere ? Role.OWNER : rooms.member(roomId, caller.id()).role();
        Room room = everywhere ? rooms.visible(roomId, caller.id())
                : repository.find(roomId).orElseThrow(ChatProblems::roomNotFound);
        if (room.visibility() == Visibility.DIRECT) {
            throw ChatProblems.conflict("direct-room", "Nobody moderates a direct-message room; block or leave instead.");
        }
        if (!role.manages()) {
            throw ChatProblems.forbidden("not-a-moderator", "Only the room's owner and moderators ban and mute.");
        }
        return room;
    }

    private UserRef sanctionable(Caller caller, Room room, String userId, Instant until, String what) {
        if (userId.equals(caller.id())) {
            throw ChatProblems.invalid("userId", "you cannot " + what + " yourself");
        }
        Instant now = Instant.now();
        if (until != null && !until.isAfter(now)) {
            throw ChatProblems.invalid("until", "must be in the future");
        }
        if (until != null && until.isAfter(now.plus(LONGEST))) {
            throw ChatProblems.invalid("until", "must be within ten years" + ("ban".equals(what) ? "; leave it out to ban for good" : ""));
        }
        UserRef target = users.find(userId).orElseThrow(() -> ChatProblems.userNotFound("userId"));
        if (room.ownerId().equals(userId)) {
            throw ChatProblems.conflict("owner", "Nobody bans or mutes the room's owner.");
        }
        Role callerRole = moderatesEverywhere(caller) ? Role.OWNER
                : repository.membership(room.id(), caller.id()).map(RoomMember::role).orElse(Role.MEMBER);
        Role targetRole = repository.membership(room.id(), userId).map(RoomMember::role).orElse(Role.MEMBER);
        if (targetRole == Role.MODERATOR && callerRole != Role.OWNER) {
            throw ChatProblems.forbidden("not-the-owner", "Only the owner may " + what + " a moderator.");
        }
        return target;
    }

    /** The realm roles moderator and admin moderate every room they can see, as its owner would. */
    static boolean moderatesEverywhere(Caller caller) {
        return caller.moderator() || caller.admin();
    }

    private RoomSanction place(String roomId, String userId, Kind kind, String reason, Instant until, String actorId) {
        Optional<RoomSanction> existing = repository.sanction(roomId, userId, kind);
        if (existing.isPresent()) {
            existing.get().renew(reason, until, actorId);
            return existing.get();
        }
        RoomSanction sanction = new RoomSanction(roomId, userId, kind, reason, until, actorId);
        repository.add(sanction);
        return sanction;
    }

    private UserRef userRef(String userId) {
        return users.find(userId).orElse(new UserRef(userId, userId, userId));
    }

    private static Sanction view(RoomSanction s, UserRef user) {
        return new Sanction(s.roomId(), s.userId(), user.username(), user.displayName(), s.reason(), s.until(),
                s.actorId(), s.createdAt());
    }

    static Map<String, Object> details(Room room, Object... more) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roomId", room.id());
        details.put("roomName", room.name());
        for (int i = 0; i < more.length; i += 2) {
            details.put((String) more[i], more[i + 1]);
        }
        return details;
    }
}
