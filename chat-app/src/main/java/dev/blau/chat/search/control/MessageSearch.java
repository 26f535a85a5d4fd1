package dev.blau.chat.search.control;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.faulttolerance.Bulkhead;

import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.control.RoomAccess;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.search.control.SearchQuery.InvalidQueryException;
import dev.blau.chat.search.entity.SearchPage;
import dev.blau.chat.search.entity.SearchResult;

/**
 * Runs a search over the rooms the caller may read now: their rooms, or the one room (or rooms
 * named with {@code in:#}) asked for, public ones included. The projection finds the room and
 * seq of each match in one query that also checks membership; the messages themselves come from
 * the message store by id, so a result shows the message as it is (reactions, edits), and one
 * deleted since it was indexed is left out.
 */
@ApplicationScoped
public class MessageSearch {

    public static final int MAX_LIMIT = 50;
    static final int MAX_CONCURRENT = 4;
    /** Up to this many rooms, a search looks up each room's entries; beyond, it matches all and filters. */
    static final int MAX_LISTED_ROOMS = 64;
    static final int STATEMENT_TIMEOUT_MILLIS = 3_000;

    /** The search matched more than could be sorted in time: it needs another word or a filter. */
    public static final class SearchTooBroadException extends RuntimeException {
        SearchTooBroadException() {
            super("This search matches too many messages to sort in time: add a word, a \"phrase\" or a filter"
                    + " (in:#room, from:@username).");
        }
    }

    /** Relevance ranks this many of the newest matches; for more, the search needs another word. */
    private static final int MAX_RANKED = 1_000;

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Inject
    MessageStore store;

    @Inject
    RoomAccess rooms;

    /** A few searches at a time per server: a burst of heavy ones must not take the connections and core chat needs. */
    @Bulkhead(MAX_CONCURRENT)
    @Transactional
    public SearchPage search(String userId, SearchQuery query, String roomId, SearchOrder order, int limit,
                             String cursor) {
        Cursor after = Cursor.decode(cursor, order);
        if (roomId != null) {
            rooms.requireReader(roomId, userId);
        }
        Sql sql = new Sql();
        sql.append("SELECT s.room_id, s.seq, s.sent_at, r.name");
        if (order == SearchOrder.RELEVANCE) {
            sql.append(", ts_rank(s.body_tsv, ");
            if (query.words().isEmpty()) {
                sql.append("''::tsquery");
            } else {
                for (int i = 0; i < query.words().size(); i++) {
                    stems(sql.append(i == 0 ? "" : " || "), query.words().get(i));
                }
            }
            sql.append(") AS rank");
        }
        sql.append(" FROM chat.message_search s JOIN chat.room r ON r.id = s.room_id WHERE s.body <> ''");
        if (roomId != null) { // readable: checked above, public rooms included
            sql.append(" AND s.room_id = ").param(roomId);
        }
        // rooms named in the query: computed first, so the indexes look only at those rooms' entries
        if (!query.inRooms().isEmpty()) {
            sql.append(" AND s.room_id = ANY(ARRAY(SELECT r2.id FROM chat.room r2 WHERE lower(r2.name) IN (");
            sql.list(query.inRooms().stream().map(String::toLowerCase).toList());
            sql.append(") AND (r2.visibility = 'public' OR r2.id IN"
                    + " (SELECT m.room_id FROM chat.room_member m WHERE m.user_id = ").param(userId).append("))))");
        } else if (roomId == null) {
            List<?> mine = em.createNativeQuery("SELECT room_id FROM chat.room_member WHERE user_id = ?1")
                    .setParameter(1, userId).setMaxResults(MAX_LISTED_ROOMS + 1).getResultList();
            if (mine.isEmpty()) {
                return new SearchPage(List.of(), null);
            }
            if (mine.size() <= MAX_LISTED_ROOMS) { // each room's entries looked up in the index
                sql.append(" AND s.room_id IN (").list(mine).append(")");
            } else { // in that many rooms, matching all rooms first and keeping the caller's is cheaper
                sql.append(" AND s.room_id IN (SELECT m.room_id FROM chat.room_member m WHERE m.user_id = ")
                        .param(userId).append(")");
            }
        }
        if (!query.fromUsernames().isEmpty()) {
            sql.append(" AND s.sender_id IN (SELECT u.id FROM chat.chat_user u WHERE lower(u.username) IN (");
            sql.list(query.fromUsernames().stream().map(String::toLowerCase).toList());
            sql.append("))");
        }
        for (String word : query.words()) {
            if (word.codePointCount(0, word.length()) >= SearchQuery.MIN_SUBSTRING) {
                sql.append(" AND (s.body_norm LIKE '%' || chat.search_normalize(").param(escapeLike(word))
                        .append(") || '%' OR s.body_tsv @@ ");
                stems(sql, word).append(")");
            } else { // too short for trigrams: whole words only, and none at all for a stop word
                sql.append(" AND (s.body_tsv @@ ");
                stems(sql, word).append(" OR numnode(");
                stems(sql, word).append(") = 0)");
            }
        }
        for (String phrase : query.phrases()) {
            sql.append(" AND s.body_norm LIKE '%' || chat.search_normalize(").param(escapeLike(phrase))
                    .append(") || '%'");
        }
        if (order == SearchOrder.NEWEST) {
            if (after.sentAt() != null) {
                sql.append(" AND (s.sent_at, s.room_id, s.seq) < (").param(Timestamp.from(after.sentAt()))
                        .append(", ").param(after.roomId()).append(", ").param(after.seq()).append(")");
            }
            sql.append(" ORDER BY s.sent_at DESC, s.room_id DESC, s.seq DESC LIMIT ").param(limit + 1);
        } else {
            // ranked among the newest matches only: the cost stays bounded for a word in every other message
            sql.append(" ORDER BY s.sent_at DESC, s.room_id DESC, s.seq DESC LIMIT ").param(MAX_RANKED);
            sql.wrap("SELECT room_id, seq, sent_at, name FROM (", ") ranked"
                    + " ORDER BY rank DESC, sent_at DESC, room_id DESC, seq DESC");
            sql.append(" OFFSET ").param(after.offset()).append(" LIMIT ").param(limit + 1);
        }

        // plan with the actual patterns: a generic plan cannot use the trigram index for LIKE '%…%'
        em.createNativeQuery("SET LOCAL plan_cache_mode = force_custom_plan").executeUpdate();
        // a search that matches too much to sort in time stops instead of holding a connection chat needs
        em.createNativeQuery("SET LOCAL statement_timeout = " + STATEMENT_TIMEOUT_MILLIS).executeUpdate();
        List<Object[]> rows;
        try {
            @SuppressWarnings("unchecked")
            List<Object[]> found = sql.query(em).getResultList();
            rows = found;
        } catch (RuntimeException e) {
            if (cancelled(e)) {
                throw new SearchTooBroadException();
            }
            throw e;
        }
        boolean more = rows.size() > limit;
        List<Object[]> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            Object[] last = page.get(page.size() - 1);
            next = order == SearchOrder.NEWEST
                    ? Cursor.newest(instant(last[2]), (String) last[0], ((Number) last[1]).longValue())
                    : Cursor.relevance(after.offset() + limit);
        }
        return new SearchPage(results(userId, query, page), next);
    }

    private List<SearchResult> results(String userId, SearchQuery query, List<Object[]> rows) {
        Map<String, List<Long>> seqsByRoom = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Object[] row : rows) {
            seqsByRoom.computeIfAbsent((String) row[0], r -> new ArrayList<>()).add(((Number) row[1]).longValue());
            names.put((String) row[0], (String) row[3]);
        }
        Map<String, Message> found = new LinkedHashMap<>();
        seqsByRoom.forEach((room, seqs) -> store.bySeqs(room, seqs).forEach(m -> found.put(key(room, m.seq()), m)));
        List<SearchResult> results = new ArrayList<>();
        for (Object[] row : rows) {
            Message message = found.get(key((String) row[0], ((Number) row[1]).longValue()));
            if (message != null && !message.isDeleted()) { // deleted since it was indexed
                results.add(new SearchResult(message.seenBy(userId), names.get(message.roomId()),
                        Highlights.find(message.text(), query.highlightTerms())));
            }
        }
        return results;
    }

    /** The word's stems in Portuguese or in English, accents and case aside. */
    private static Sql stems(Sql sql, String word) {
        return sql.append("(plainto_tsquery('portuguese', chat.search_normalize(").param(word)
                .append(")) || plainto_tsquery('english', chat.search_normalize(").param(word).append(")))");
    }

    /** PostgreSQL cancelled the statement (57014: its statement_timeout). */
    private static boolean cancelled(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String key(String roomId, long seq) {
        return roomId + ':' + seq;
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value instanceof Instant i ? i
                : ((java.time.OffsetDateTime) value).toInstant();
    }

    /** SQL with positional parameters, built in order. */
    private static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Sql append(String part) {
            text.append(part);
            return this;
        }

        /** Puts what was built so far inside {@code before … after}. */
        Sql wrap(String before, String after) {
            text.insert(0, before).append(after);
            return this;
        }

        Sql param(Object value) {
            params.add(value);
            text.append('?').append(params.size());
            return this;
        }

        Sql list(List<?> values) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    text.append(", ");
                }
                param(values.get(i));
            }
            return this;
        }

        Query query(EntityManager em) {
            Query query = em.createNativeQuery(text.toString());
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query;
        }
    }

    /**
     * Where the next page starts: after the last result's time, room and seq (newest first), or
     * at an offset (by relevance). Opaque to clients.
     */
    record Cursor(Instant sentAt, String roomId, long seq, int offset) {

        private static final Cursor START = new Cursor(null, null, 0, 0);

        static String newest(Instant sentAt, String roomId, long seq) {
            return encode("n." + sentAt.toEpochMilli() + "." + seq + "." + roomId);
        }

        static String relevance(int offset) {
            return offset >= MAX_RANKED ? null : encode("r." + offset);
        }

        static Cursor decode(String cursor, SearchOrder order) {
            if (cursor == null || cursor.isEmpty()) {
                return START;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                        .split("\\.", 4);
                if (order == SearchOrder.NEWEST && parts.length == 4 && parts[0].equals("n")) {
                    return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[3],
                            Long.parseLong(parts[2]), 0);
                }
                if (order == SearchOrder.RELEVANCE && parts.length == 2 && parts[0].equals("r")) {
                    int offset = Integer.parseInt(parts[1]);
                    if (offset >= 0 && offset < MAX_RANKED) {
                        return new Cursor(null, null, 0, offset);
                    }
                }
            } catch (IllegalArgumentException e) {
                // falls through: not one of ours
            }
            throw new InvalidQueryException("The cursor is not one this search gave (or belongs to the other order).");
        }

        private static String encode(String text) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
