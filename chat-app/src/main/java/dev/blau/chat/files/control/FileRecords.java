package dev.blau.chat.files.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.files.entity.ChatFile;

/**
 * The {@code chat_file} table: every query by key or by an index ({@code (room, uploader,
 * clientMsgId)} for claims and deletions, the unsent uploads by age for expiry).
 */
@ApplicationScoped
@Transactional
public class FileRecords {

    static final int MAX_ID_LENGTH = 36;

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    public ChatFile insert(ChatFile file) {
        em.persist(file);
        return file;
    }

    public ChatFile find(String fileId) {
        return fileId == null || fileId.length() > MAX_ID_LENGTH ? null : em.find(ChatFile.class, fileId);
    }

    /** Claims all the files for the send, or none ({@code invalid-attachment}, which rolls back the claims made). */
    public List<ChatFile> claim(String roomId, String senderId, String clientMsgId, List<String> ids) {
        int claimed = em.createQuery("""
                        UPDATE ChatFile f SET f.clientMsgId = :send
                        WHERE f.id IN :ids AND f.roomId = :room AND f.uploaderId = :sender
                          AND (f.clientMsgId IS NULL OR f.clientMsgId = :send)""")
                .setParameter("send", clientMsgId).setParameter("ids", ids).setParameter("room", roomId)
                .setParameter("sender", senderId).executeUpdate();
        if (claimed != ids.size()) {
            throw ChatProblems.invalidAttachment(
                    "Attach your own uploads to this room, each to one message; upload the file again.");
        }
        Map<String, ChatFile> files = em.createQuery("SELECT f FROM ChatFile f WHERE f.id IN :ids", ChatFile.class)
                .setParameter("ids", ids).getResultStream().collect(Collectors.toMap(ChatFile::id, Function.identity()));
        return ids.stream().map(files::get).toList();
    }

    public void markSent(String roomId, String senderId, String clientMsgId, long seq) {
        em.createQuery("""
                        UPDATE ChatFile f SET f.messageSeq = :seq
                        WHERE f.roomId = :room AND f.uploaderId = :sender AND f.clientMsgId = :send""")
                .setParameter("seq", seq).setParameter("room", roomId).setParameter("sender", senderId)
                .setParameter("send", clientMsgId).executeUpdate();
    }

    /** The files of a send go; the trash trigger queues their bytes in the same transaction. */
    public void deleteSent(String roomId, String senderId, String clientMsgId) {
        em.createQuery("DELETE FROM ChatFile f WHERE f.roomId = :room AND f.uploaderId = :sender AND f.clientMsgId = :send")
                .setParameter("room", roomId).setParameter("sender", senderId).setParameter("send", clientMsgId)
                .executeUpdate();
    }

    /** Up to {@code limit} uploads older than {@code cutoff} that no stored message is known to carry, oldest first. */
    public List<ChatFile> unsentBefore(Instant cutoff, int limit) {
        return em.createQuery("""
                        SELECT f FROM ChatFile f WHERE f.messageSeq IS NULL AND f.createdAt < :cutoff
                        ORDER BY f.createdAt""", ChatFile.class)
                .setParameter("cutoff", cutoff).setMaxResults(limit).getResultList();
    }

    public void delete(String fileId) {
        em.createQuery("DELETE FROM ChatFile f WHERE f.id = :id").setParameter("id", fileId).executeUpdate();
    }

    /** A blob waiting for removal: the file's id and whether it had a thumbnail. */
    public record Trashed(String fileId, boolean thumbnail) {
    }

    public List<Trashed> trash(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT file_id, thumbnail FROM chat.chat_file_trash ORDER BY deleted_at LIMIT " + limit)
                .getResultList();
        return rows.stream().map(row -> new Trashed((String) row[0], (Boolean) row[1])).toList();
    }

    public void emptied(String fileId) {
        em.createNativeQuery("DELETE FROM chat.chat_file_trash WHERE file_id = ?1").setParameter(1, fileId).executeUpdate();
    }
}
