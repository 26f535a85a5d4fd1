package dev.blau.chat.rooms.control;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.RoomMember;
import dev.blau.chat.rooms.entity.RoomSanction;
import dev.blau.common.persistence.Lookups;

/** Rooms and memberships in PostgreSQL. */
@ApplicationScoped
@Transactional
public class RoomRepository {

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    public Optional<Room> find(String roomId) {
        return Lookups.find(em, transaction, Room.class, roomId);
    }

    public Optional<Room> findDirect(String directKey) {
        return em.createQuery("SELECT r FROM Room r WHERE r.directKey = :key", Room.class)
                .setParameter("key", directKey)
                .getResultStream().findFirst();
    }

    /** Every room the user belongs to, with their membership: one query, however many rooms. */
    public List<Rooms.Membership> joinedBy(String userId) {
        return em.createQuery("SELECT r, m FROM Room r, RoomMember m WHERE m.roomId = r.id AND m.userId = :user",
                        Object[].class)
                .setParameter("user", userId)
                .getResultStream()
                .map(row -> new Rooms.Membership((Room) row[0], (RoomMember) row[1]))
                .toList();
    }

    /**
     * Up to {@code limit} public rooms whose name contains {@code contains} (any case; null: all),
     * in name order after the room {@code after} (null: from the first).
     */
    public List<Room> publicRooms(String contains, RoomCursor after, int limit) {
        // served by room_public_name_idx (the keyset) and room_public_name_trgm_idx (the substring)
        return rooms("r.visibility = 'public'", contains, after, limit);
    }

    /** Public and private rooms (no direct-message rooms), as {@link #publicRooms}: for administrators. */
    public List<Room> sharedRooms(String contains, RoomCursor after, int limit) {
        // served by room_shared_name_idx and room_shared_name_trgm_idx (V11), whose predicate this is
        return rooms("r.visibility <> 'direct'", contains, after, limit);
    }

    private List<Room> rooms(String which, String contains, RoomCursor after, int limit) {
        StringBuilder query = new StringBuilder("SELECT r FROM Room r WHERE ").append(which);
        if (contains != null) {
            query.append(" AND LOWER(r.name) LIKE :pattern ESCAPE '!'");
        }
        if (after != null) {
            query.append(" AND (LOWER(r.name) > :afterName OR (LOWER(r.name) = :afterName AND r.id > :afterId))");
        }
        query.append(" ORDER BY LOWER(r.name), r.id");
        var typed = em.createQuery(query.toString(), Room.class).setMaxResults(limit);
        if (contains != null) {
            String escaped = contains.toLowerCase(java.util.Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_");
            typed.setParameter("pattern", "%" + escaped + "%");
        }
        if (after != null) {
            typed.setParameter("afterName", after.lowerName()).setParameter("afterId", after.roomId());
        }
        return typed.getResultList();
    }

    /** How many members each of the rooms has (rooms without any left out). */
    public Map<String, Long> memberCounts(Collection<String> roomIds) {
        if (roomIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT m.roomId, COUNT(m) FROM RoomMember m WHERE m.roomId IN :rooms GROUP BY m.roomId",
                        Object[].class)
                .setParameter("rooms", roomIds)
                .getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> ((Number) row[1]).longValue()));
    }

    /** When the rooms the user owns that were created after {@code since} were created, oldest first. */
    public List<Instant> ownedCreatedSince(String userId, Instant since) {
        return em.createQuery("SELECT r.createdAt FROM Room r WHERE r.ownerId = :user AND r.createdAt > :since "
                        + "ORDER BY r.createdAt", Instant.class)
                .setParameter("user", userId).setParameter("since", since).getResultList();
    }

    public Optional<RoomMember> membership(String roomId, String userId) {
        return Lookups.find(em, transaction, RoomMember.class, new RoomMember.Key(roomId, userId));
    }

    /** The user's memberships of the given rooms, by room id. */
    public Map<String, RoomMember> memberships(String userId, Collection<String> roomIds) {
        if (roomIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT m FROM RoomMember m WHERE m.userId = :user AND m.roomId IN :rooms", RoomMember.class)
                .setParameter("user", userId)
                .setParameter("rooms", roomIds)
                .getResultStream()
                .collect(Collectors.toMap(RoomMember::roomId, Function.identity()));
    }

    public List<RoomMember> members(String roomId) {
        return em.createQuery("SELECT m FROM RoomMember m WHERE m.roomId = :room ORDER BY m.joinedAt", RoomMember.class)
                .setParameter("room", roomId)
                .getResultList();
    }

    /**
     * The member ids of each room the user belongs to: the rooms by a subquery, not a list of
     * their ids (a member of a thousand rooms made a thousand parameters).
     */
    public Map<String, List<String>> memberIdsOfRoomsOf(String userId) {
        return em.createQuery("SELECT m.roomId, m.userId FROM RoomMember m WHERE m.roomId IN "
                        + "(SELECT mine.roomId FROM RoomMember mine WHERE mine.userId = :user)", Object[].class)
                .setParameter("user", userId)
                .getResultStream()
                .collect(Collectors.groupingBy(row -> (String) row[0],
                        Collectors.mapping(row -> (String) row[1], Collectors.toList())));
    }

    /** The room's members among these usernames (any case): lower-cased username → user id. */
    public Map<String, String> membersNamed(String roomId, Collection<String> usernames) {
        List<String> lowered = usernames.stream().map(u -> u.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        Map<String, String> found = new java.util.HashMap<>();
        em.createQuery("SELECT LOWER(u.username), u.id FROM ChatUser u, RoomMember m "
                        + "WHERE m.roomId = :room AND m.userId = u.id AND LOWER(u.username) IN :names", Object[].class)
                .setParameter("room", roomId)
                .setParameter("names", lowered)
                .getResultList()
                .forEach(row -> found.put((String) row[0], (String) row[1]));
        return found;
    }

    /** Replaces who message {@code seq} names: these users, or (everyone) every member but the sender. */
    public void replaceMentions(String roomId, long seq, String senderId, Collection<String> userIds, boolean everyone) {
        em.createNativeQuery("DELETE FROM chat.mention WHERE room_id = ?1 AND seq = ?2")
                .setParameter(1, roomId).setParameter(2, seq).executeUpdate();
        if (everyone) {
            em.createNativeQuery("INSERT INTO chat.mention (room_id, user_id, seq) SELECT room_id, user_id, ?2 "
                            + "FROM chat.room_member WHERE room_id = ?1 AND user_id <> ?3 ON CONFLICT DO NOTHING")
                    .setParameter(1, roomId).setParameter(2, seq).setParameter(3, senderId).executeUpdate();
        }
        for (String userId : userIds) {
            if (!userId.equals(senderId)) {
                em.createNativeQuery("INSERT INTO chat.mention (room_id, user_id, seq) VALUES (?1, ?2, ?3) "
                                + "ON CONFLICT DO NOTHING")
                        .setParameter(1, roomId).setParameter(2, userId).setParameter(3, seq).executeUpdate();
            }
        }
    }

    /** Per room, how many messages after the user's read mark name them (rooms with none left out). */
    public Map<String, Long> unreadMentions(String userId) {
        Map<String, Long> counts = new java.util.HashMap<>();
        List<?> rows = em.createNativeQuery("SELECT m.room_id, count(*) FROM chat.mention m JOIN chat.room_member rm "
                        + "ON rm.room_id = m.room_id AND rm.user_id = m.user_id "
                        + "WHERE m.user_id = ?1 AND m.seq > rm.last_read_seq GROUP BY m.room_id")
                .setParameter(1, userId).getResultList();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            counts.put((String) cells[0], ((Number) cells[1]).longValue());
        }
        return counts;
    }

    /**
     * Moves members' read marks forward (never back), and forgets their mentions up to them: one
     * statement each for all the marks.
     */
    public void advanceReadMarks(List<ReadMarks.Mark> marks) {
        String[] roomIds = marks.stream().map(ReadMarks.Mark::roomId).toArray(String[]::new);
        String[] userIds = marks.stream().map(ReadMarks.Mark::userId).toArray(String[]::new);
        Long[] seqs = marks.stream().map(ReadMarks.Mark::seq).toArray(Long[]::new);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement advance = connection.prepareStatement("""
                    UPDATE chat.room_member m SET last_read_seq = mark.seq
                    FROM unnest(?::varchar[], ?::varchar[], ?::bigint[]) AS mark (room_id, user_id, seq)
                    WHERE m.room_id = mark.room_id AND m.user_id = mark.user_id AND m.last_read_seq < mark.seq""");
                 PreparedStatement forget = connection.prepareStatement("""
                    DELETE FROM chat.mention m
                    USING unnest(?::varchar[], ?::varchar[], ?::bigint[]) AS mark (room_id, user_id, seq)
                    WHERE m.user_id = mark.user_id AND m.room_id = mark.room_id AND m.seq <= mark.seq""")) {
                for (PreparedStatement statement : List.of(advance, forget)) {
                    statement.setArray(1, connection.createArrayOf("varchar", roomIds));
                    statement.setArray(2, connection.createArrayOf("varchar", userIds));
                    statement.setArray(3, connection.createArrayOf("bigint", seqs));
                    statement.executeUpdate();
                }
            }
        });
    }

    /** Forgets the user's mentions in the room up to {@code seq}: they have read them. */
    public void clearMentions(String userId, String roomId, long seq) {
        em.createNativeQuery("DELETE FROM chat.mention WHERE user_id = ?1 AND room_id = ?2 AND seq <= ?3")
                .setParameter(1, userId).setParameter(2, roomId).setParameter(3, seq).executeUpdate();
    }

    public List<String> roomIdsOf(String userId) {
        return em.createQuery("SELECT m.roomId FROM RoomMember m WHERE m.userId = :user", String.class)
                .setParameter("user", userId)
                .getResultList();
    }

    public void add(Room room) {
        em.persist(room);
        em.flush(); // a duplicate direct room shows here, inside the caller's try
    }

    public void add(RoomMember member) {
        em.persist(member);
        em.flush();
    }

    public void remove(RoomMember member) {
        em.remove(em.contains(member) ? member : em.merge(member));
    }

    public void remove(Room room) {
        em.remove(em.contains(room) ? room : em.merge(room));
        em.flush();
    }

    public Optional<RoomSanction> sanction(String roomId, String userId, RoomSanction.Kind kind) {
        return Optional.ofNullable(em.find(RoomSanction.class, new RoomSanction.Key(roomId, userId, kind)));
    }

    /** The room's bans or mutes in force at {@code now}, newest first. */
    public List<RoomSanction> sanctions(String roomId, RoomSanction.Kind kind, Instant now) {
        return em.createQuery("SELECT s FROM RoomSanction s WHERE s.roomId = :room AND s.kind = :kind "
                        + "AND (s.until IS NULL OR s.until > :now) ORDER BY s.createdAt DESC", RoomSanction.class)
                .setParameter("room", roomId).setParameter("kind", kind.wire()).setParameter("now", now)
                .getResultList();
    }

    public void add(RoomSanction sanction) {
        em.persist(sanction);
    }

    public void remove(RoomSanction sanction) {
        em.remove(em.contains(sanction) ? sanction : em.merge(sanction));
    }
}
