package it.dev.blau.chat.search;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/** Writes rooms, memberships and the search projection's rows straight into PostgreSQL, as the app would have. */
@ApplicationScoped
public class SearchSeed {

    /** One message as the projection holds it. */
    public record Row(String roomId, long seq, Instant sentAt, String body) {
    }

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Transactional
    public void room(String roomId, String name, String ownerId) {
        em.createNativeQuery("INSERT INTO chat.room (id, name, visibility, owner_id) VALUES (?1, ?2, 'private', ?3)")
                .setParameter(1, roomId).setParameter(2, name).setParameter(3, ownerId).executeUpdate();
    }

    @Transactional
    public void member(String roomId, String userId) {
        em.createNativeQuery("INSERT INTO chat.room_member (room_id, user_id, role) VALUES (?1, ?2, 'member')")
                .setParameter(1, roomId).setParameter(2, userId).executeUpdate();
    }

    @Transactional
    public void indexed(List<Row> rows, String senderId) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO chat.message_search"
                    + " (room_id, seq, sender_id, sent_at, version, body) VALUES (?, ?, ?, ?, 1, ?)")) {
                for (Row row : rows) {
                    insert.setString(1, row.roomId());
                    insert.setLong(2, row.seq());
                    insert.setString(3, senderId);
                    insert.setTimestamp(4, Timestamp.from(row.sentAt()));
                    insert.setString(5, row.body());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Transactional
    public void deleteRooms(List<String> roomIds) {
        em.unwrap(Session.class).doWork(connection -> {
            for (String sql : List.of("DELETE FROM chat.message_search WHERE room_id = ANY(?)",
                    "DELETE FROM chat.room WHERE id = ANY(?)")) {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    delete.setArray(1, connection.createArrayOf("varchar", roomIds.toArray()));
                    delete.executeUpdate();
                }
            }
        });
    }
}
