package dev.blau.chat.rooms.control;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.blau.chat.callers.Caller;
import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.presence.control.Presence;
import dev.blau.chat.rooms.entity.MemberView;
import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.RoomMember;
import dev.blau.chat.rooms.entity.RoomView;
import dev.blau.chat.users.control.ChatUsers;

/** Rooms as the caller sees them: with their own unread count, the last message and who is online. */
@ApplicationScoped
@Transactional
public class RoomViews {

    @Inject
    RoomRepository repository;

    @Inject
    Rooms rooms;

    @Inject
    MessageStore messages;

    @Inject
    Presence presence;

    @Inject
    ChatUsers users;

    @Inject
    ReadMarks readMarks;

    /** One page of public rooms, and where the next one starts (null: this was the last). */
    @jakarta.json.bind.annotation.JsonbNillable // "next": null says there is no more
    public record PublicRooms(List<RoomView> rooms, String next) {
    }

    /**
     * Every room the caller belongs to, most recent activity first: complete, whatever else
     * exists, so nobody's rooms can be buried under others'.
     */
    public List<RoomView> list(Caller caller) {
        readMarks.settle(caller.id());
        List<Rooms.Membership> joined = repository.joinedBy(caller.id());
        List<Room> visible = joined.stream().map(Rooms.Membership::room).toList();
        List<String> ids = visible.stream().map(Room::id).toList();
        Map<String, RoomMember> mine = joined.stream()
                .collect(Collectors.toMap(m -> m.room().id(), Rooms.Membership::member));
        Map<String, List<String>> members = repository.memberIdsOfRoomsOf(caller.id());
        Map<String, String> statuses = presence.statuses(members.values().stream().flatMap(List::stream)
                .collect(Collectors.toSet()));
        // one lookup in the message store for the whole list, whatever the number of rooms
        Map<String, Message> latest = messages.latest(ids);
        Map<String, Long> mentioned = repository.unreadMentions(caller.id());
        return visible.stream()
                .map(room -> {
                    List<String> memberIds = members.getOrDefault(room.id(), List.of());
                    long online = memberIds.stream().filter(id -> !Presence.OFFLINE.equals(statuses.get(id))).count();
                    RoomMember member = mine.get(room.id());
                    Message last = latest.get(room.id());
                    return withOnline(summary(room, member, memberIds.size(), last, unread(member, last),
                            member == null ? null : mentioned.getOrDefault(room.id(), 0L)), online);
                })
                .sorted(Comparator.comparing((RoomView v) -> !Boolean.TRUE.equals(v.joined()))
                        .thenComparing(v -> v.lastMessage() == null ? v.createdAt() : v.lastMessage().createdAt(),
                                Comparator.reverseOrder()))
                .toList();
    }

    /**
     * Public rooms in name order, {@code limit} at a time, optionally only those whose name
     * contains {@code contains}; each says whether the caller is in it. A fixed number of
     * queries per page, whatever the number of rooms or members.
     */
    public PublicRooms browse(Caller caller, String contains, RoomCursor after, int limit) {
        return page(caller, repository.publicRooms(contains, after, limit + 1), limit);
    }

    /** Public and private rooms in name order, as {@link #browse}: what administrators see. */
    public PublicRooms browseAll(Caller caller, String contains, RoomCursor after, int limit) {
        return page(caller, repository.sharedRooms(contains, after, limit + 1), limit);
    }

    private PublicRooms page(Caller caller, List<Room> page, int limit) {
        boolean more = page.size() > limit;
        List<Room> shown = more ? page.subList(0, limit) : page;
        List<String> ids = shown.stream().map(Room::id).toList();
        Map<String, RoomMember> mine = repository.memberships(caller.id(), ids);
        Map<String, Long> counts = repository.memberCounts(ids);
        Map<String, Message> latest = messages.latest(ids);
        List<RoomView> views = shown.stream()
                .map(room -> summary(room, mine.get(room.id()), counts.getOrDefault(room.id(), 0L),
                        latest.get(room.id()), null, null))
                .toList();
        return new PublicRooms(views, more ? RoomCursor.after(shown.get(shown.size() - 1)).encoded() : null);
    }

    public RoomView details(Caller caller, String roomId) {
        readMarks.settle(caller.id());
        Room room = rooms.visible(roomId, caller.id());
        List<RoomMember> members = repository.members(roomId);
        List<String> ids = members.stream().map(RoomMember::userId).toList();
        Map<String, UserRef> known = users.findAll(ids);
        Map<String, String> statuses = presence.statuses(ids);
        List<MemberView> memberViews = members.stream().map(m -> {
            UserRef user = known.getOrDefault(m.userId(), new UserRef(m.userId(), m.userId(), m.userId()));
            return new MemberView(user.id(), user.username(), user.displayName(), m.role().wire(),
                    statuses.get(m.userId()));
        }).toList();
        long online = memberViews.stream().filter(m -> !Presence.OFFLINE.equals(m.status())).count();
        Optional<RoomMember> mine = members.stream().filter(m -> m.userId().equals(caller.id())).findFirst();
        RoomView summary = summary(room, mine.orElse(null), members.size());
        return new RoomView(summary.id(), summary.name(), summary.description(), summary.visibility(),
                summary.ownerId(), summary.createdAt(), summary.joined(), summary.role(), summary.memberCount(), online,
                summary.unread(), summary.mentionUnread(), summary.lastReadSeq(), summary.notifications(),
                summary.mutedUntil(), summary.lastMessage(), memberViews);
    }

    private static RoomView withOnline(RoomView v, long online) {
        return new RoomView(v.id(), v.name(), v.description(), v.visibility(), v.ownerId(), v.createdAt(), v.joined(),
                v.role(), v.memberCount(), online, v.unread(), v.mentionUnread(), v.lastReadSeq(), v.notifications(),
                v.mutedUntil(), v.lastMessage(), v.members());
    }

    private RoomView summary(Room room, RoomMember mine, long memberCount) {
        Message last = messages.latest(room.id()).orElse(null);
        Long unread = unread(mine, last);
        Long mentioned = mine == null ? null : repository.unreadMentions(mine.userId()).getOrDefault(room.id(), 0L);
        return summary(room, mine, memberCount, last, unread, mentioned);
    }

    /**
     * The messages after the member's read mark (null for a non-member): seqs are dense, and a
     * member's own message moves their mark ({@link ReadMarks}), so no message need be read.
     */
    private static Long unread(RoomMember member, Message last) {
        if (member == null) {
            return null;
        }
        return last == null ? 0L : Math.max(0L, last.seq() - member.lastReadSeq());
    }

    private RoomView summary(Room room, RoomMember mine, long memberCount, Message last, Long unread, Long mentioned) {
        return new RoomView(room.id(), room.name(), room.description(), room.visibility().wire(), room.ownerId(),
                room.createdAt(), mine != null, mine == null ? null : mine.role().wire(), memberCount, null, unread,
                mentioned, mine == null ? null : mine.lastReadSeq(), mine == null ? null : mine.notifications(),
                mine == null ? null : mine.mutedUntil(), last, null);
    }
}
