package dev.blau.chat.search.control;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import dev.blau.chat.search.control.MessageSearch.Cursor;

/**
 * The SQL of a search, in two ways. A window looks through the newest messages of the rooms in
 * scope, newest first, and stops at the matches asked for: a common word is found at once,
 * however many messages hold it. The word indexes find every match and sort them: fast when
 * there are few, which is when the windows are not enough.
 */
final class SearchSql {

    /**
     * How many of the newest messages in scope (below the cursor) a search looks through, window
     * after window, before the word indexes take over: a first small one (a word rare there goes to
     * the indexes at once), then windows sized by what it found ({@link #nextWindow}), up to the
     * budget in all. Together they fill a page with a word in 1 of 200 messages.
     */
    static final int FIRST_WINDOW = 2_000;
    static final int WINDOW_BUDGET = 10_000;
    /** Below this a window saves little: over many rooms, each costs a few of each room's keys anyway. */
    static final int SMALLEST_WINDOW = 500;

    private static final String NEWEST_FIRST = " ORDER BY sent_at DESC, room_id DESC, seq DESC";

    private SearchSql() {
    }

    /**
     * Where a search looks: rooms listed by id, or every room {@code memberId} is a member of
     * ({@code memberRooms} of them).
     */
    record Scope(List<String> roomIds, String memberId, int memberRooms) {

        static Scope rooms(List<String> roomIds) {
            return new Scope(List.copyOf(roomIds), null, roomIds.size());
        }

        static Scope memberOf(String userId, int rooms) {
            return new Scope(null, userId, rooms);
        }
    }

    /**
     * How many of each room's newest messages a window over a member's many rooms reads first:
     * twice an even share of the window, so that rooms about as busy as each other need no more.
     */
    static int firstPerRoom(int size, int rooms) {
        return Math.max(2, Math.min(size, (2 * size + rooms - 1) / Math.max(1, rooms)));
    }

    /**
     * Whether the matches the windows found are the newest of all: they found as many as were
     * wanted (the windows are the newest part of the scope, so no older message can come before
     * them), or the last window ran out of messages before its end (they saw them all).
     */
    static boolean windowSuffices(long hits, int wanted, boolean windowFull) {
        return hits >= wanted || !windowFull;
    }

    /**
     * Whether the windows left are worth reading after {@code seen} messages gave {@code hits}:
     * at that rate they would find at least half of the matches still wanted. If not (a word
     * that is rare here), the word indexes find all its matches for less.
     */
    static boolean widerWindowsPay(long hits, long seen, int wanted, long left) {
        return 2 * hits * left >= (wanted - hits) * seen;
    }

    /**
     * How many messages the next window reads: twice what the windows' rate so far needs for the
     * matches still wanted, at least {@link #SMALLEST_WINDOW} and at most what is {@code left}. A
     * word a few matches short of a page after the first window reads a few hundred more messages,
     * not the whole budget (over a member's 1,001 rooms, 30 ms instead of 80).
     */
    static int nextWindow(long hits, long seen, int wanted, long left) {
        long needed = hits == 0 ? left : (2 * (wanted - hits) * seen + hits - 1) / hits;
        return (int) Math.min(left, Math.max(SMALLEST_WINDOW, needed));
    }

    /**
     * The newest {@code take} matches among the newest {@code size} messages in scope below the
     * cursor, newest first: room id, seq, sent at, room name, whether it matches, whether it is the
     * window's last message (that one comes back even when it does not match: it says the window
     * was full, and where the next one starts), and the rank if asked for.
     */
    static Sql window(Scope scope, SearchQuery query, boolean ranked, Cursor below, int size, int take) {
        Sql sql = new Sql();
        sql.append("SELECT room_id, seq, sent_at, (s.body <> ''");
        condition(sql, query);
        sql.append(") AS hit, n = ").append(Integer.toString(size)).append(" AS last");
        if (ranked) {
            rank(sql, query);
        }
        // numbered in order as they stream by: the window is read only as far as the matches need
        sql.append(" FROM (SELECT *, row_number() OVER (").append(NEWEST_FIRST.substring(1)).append(") AS n FROM (");
        newest(sql, scope, below, size);
        sql.append(") w) s");
        sql.wrap("SELECT * FROM (", ") h WHERE hit OR last" + NEWEST_FIRST + " LIMIT ").param(take);
        // a left join: the last message tells where the window ends even if its room is gone
        return sql.wrap("SELECT f.room_id, f.seq, f.sent_at, r.name, f.hit AND r.id IS NOT NULL AS hit, f.last"
                        + (ranked ? ", f.rank" : "") + " FROM (",
                ") f LEFT JOIN chat.room r ON r.id = f.room_id ORDER BY f.sent_at DESC, f.room_id DESC, f.seq DESC");
    }

    /** The {@code size} newest messages in scope below the cursor, newest first. */
    private static void newest(Sql sql, Scope scope, Cursor below, int size) {
        String columns = "SELECT room_id, seq, sent_at, sender_id, body, body_norm, body_tsv FROM chat.message_search";
        String limit = " LIMIT " + size;
        if (scope.roomIds() != null) {
            // each room newest first on its own index, merged: as many rows read as the window takes
            sql.append("SELECT * FROM (");
            for (int i = 0; i < scope.roomIds().size(); i++) {
                sql.append(i == 0 ? "(" : " UNION ALL (").append(columns).append(" WHERE room_id = ")
                        .param(scope.roomIds().get(i));
                if (below.sentAt() != null) { // the index's range; the row compare is exact
                    sql.append(" AND sent_at <= ").param(Timestamp.from(below.sentAt()));
                    below(sql, "", below);
                }
                sql.append(" ORDER BY sent_at DESC, seq DESC").append(limit).append(")");
            }
            sql.append(") u");
        } else {
            memberNewest(sql, scope, below, size);
        }
        sql.append(NEWEST_FIRST).append(limit);
    }

    /**
     * The {@code size} newest messages of a member's many rooms below the cursor, read room by
     * room on each room's newest-first index, so the cost follows the member's rooms and not the
     * messages of every other room on the server. First {@link #firstPerRoom} of each room; the
     * rooms whose last one read is still among the newest {@code size} of those (or all rooms that
     * had that many, when fewer than {@code size} came back) may hold more of the window, and only
     * they are read further, down to the newest {@code size}-th row read at most. Every message of
     * the window is then among the rows read: a room not read further has none newer than the
     * window's end left unread.
     */
    private static void memberNewest(Sql sql, Scope scope, Cursor below, int size) {
        int first = firstPerRoom(size, scope.memberRooms());
        String keys = "SELECT s.room_id, s.seq, s.sent_at FROM chat.message_search s WHERE s.room_id = ";
        String roomOrder = " ORDER BY s.sent_at DESC, s.seq DESC LIMIT ";
        sql.append("SELECT * FROM (WITH first AS MATERIALIZED (SELECT x.room_id, x.seq, x.sent_at, x.rn"
                + " FROM chat.room_member m CROSS JOIN LATERAL (SELECT y.*, row_number() OVER"
                + " (ORDER BY y.sent_at DESC, y.seq DESC) AS rn FROM (").append(keys).append("m.room_id");
        if (below.sentAt() != null) { // the index's range; the row compare is exact
            sql.append(" AND s.sent_at <= ").param(Timestamp.from(below.sentAt()));
            below(sql, "s.", below);
        }
        sql.append(roomOrder).append(Integer.toString(first)).append(") y) x WHERE m.user_id = ")
                .param(scope.memberId()).append(")");
        // the newest size-th of the rows read: the window ends there or later
        sql.append(", window_end AS (SELECT sent_at, room_id, seq FROM first" + NEWEST_FIRST + " OFFSET ")
                .append(Integer.toString(size - 1)).append(" LIMIT 1)");
        // read further: the rooms whose last row read is not older than that, and only down to it
        // (the rows read already hold a window's worth that new, so nothing older is in the window)
        sql.append(", more AS (SELECT z.room_id, z.seq, z.sent_at FROM first f CROSS JOIN LATERAL (")
                .append(keys).append("f.room_id AND s.sent_at <= f.sent_at AND (s.sent_at, s.seq) < (f.sent_at, f.seq)"
                        + " AND s.sent_at >= coalesce((SELECT e.sent_at FROM window_end e), '-infinity')")
                .append(roomOrder).append(Integer.toString(size - first)).append(") z WHERE f.rn = ")
                .append(Integer.toString(first)).append(" AND NOT EXISTS (SELECT 1 FROM window_end e"
                        + " WHERE (f.sent_at, f.room_id, f.seq) < (e.sent_at, e.room_id, e.seq)))");
        // the window's keys in order, then each one's text in that order (asked for at this level,
        // where the planner sees the join keeps it, not only outside): the texts are then read only
        // as far as the matches need, not sorted whole
        sql.append(" SELECT w.room_id, w.seq, w.sent_at, ms.sender_id, ms.body, ms.body_norm, ms.body_tsv FROM"
                + " (SELECT room_id, seq, sent_at FROM first UNION ALL SELECT room_id, seq, sent_at FROM more"
                + NEWEST_FIRST + " LIMIT ").append(Integer.toString(size)).append(") w"
                + " JOIN chat.message_search ms ON ms.room_id = w.room_id AND ms.seq = w.seq"
                + " ORDER BY w.sent_at DESC, w.room_id DESC, w.seq DESC) m");
    }

    /**
     * Every match, from the word indexes, then sorted: newest first, or the {@code maxRanked}
     * newest ranked by relevance. Room id, seq, sent at, room name.
     */
    static Sql indexed(Scope scope, SearchQuery query, SearchOrder order, Cursor after, int limit, int maxRanked) {
        Sql sql = new Sql();
        // materialized, so the planner finds all matches by the words: asked for the newest few, it
        // would walk the newest-first index instead, and through all of it for a rare word
        sql.append("WITH matches AS MATERIALIZED (SELECT s.room_id, s.seq, s.sent_at");
        if (order == SearchOrder.RELEVANCE) {
            rank(sql, query);
        }
        sql.append(" FROM chat.message_search s WHERE s.body <> ''");
        if (scope.roomIds() != null) { // each room's entries looked up in the index
            sql.append(" AND s.room_id IN (").list(scope.roomIds()).append(")");
        } else { // in that many rooms, matching all rooms first and keeping the caller's is cheaper
            sql.append(" AND s.room_id IN (SELECT m.room_id FROM chat.room_member m WHERE m.user_id = ")
                    .param(scope.memberId()).append(")");
        }
        condition(sql, query);
        if (order == SearchOrder.NEWEST && after.sentAt() != null) {
            below(sql, "s.", after);
        }
        sql.append(") SELECT m.room_id, m.seq, m.sent_at, r.name");
        if (order == SearchOrder.RELEVANCE) {
            sql.append(", m.rank");
        }
        sql.append(" FROM matches m JOIN chat.room r ON r.id = m.room_id"
                + " ORDER BY m.sent_at DESC, m.room_id DESC, m.seq DESC LIMIT ");
        if (order == SearchOrder.NEWEST) {
            return sql.param(limit + 1);
        }
        // ranked among the newest matches only: the cost stays bounded for a word in every other message
        sql.param(maxRanked);
        sql.wrap("SELECT room_id, seq, sent_at, name FROM (", ") ranked"
                + " ORDER BY rank DESC, sent_at DESC, room_id DESC, seq DESC");
        return sql.append(" OFFSET ").param(after.offset()).append(" LIMIT ").param(limit + 1);
    }

    /** What a message must hold: the author, every word, every phrase (on the columns of {@code s}). */
    private static void condition(Sql sql, SearchQuery query) {
        if (!query.fromUsernames().isEmpty()) { // looked up once, then a plain filter that keeps the order
            sql.append(" AND s.sender_id = ANY(ARRAY(SELECT u.id FROM chat.chat_user u WHERE lower(u.username) IN (");
            sql.list(query.fromUsernames().stream().map(String::toLowerCase).toList());
            sql.append(")))");
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
    }

    private static void rank(Sql sql, SearchQuery query) {
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

    /** Newest first, strictly after the cursor's message. */
    private static void below(Sql sql, String alias, Cursor after) {
        sql.append(" AND (" + alias + "sent_at, " + alias + "room_id, " + alias + "seq) < (").param(Timestamp.from(after.sentAt())).append(", ")
                .param(after.roomId()).append(", ").param(after.seq()).append(")");
    }

    /** The word's stems in Portuguese or in English, accents and case aside. */
    private static Sql stems(Sql sql, String word) {
        return sql.append("(plainto_tsquery('portuguese', chat.search_normalize(").param(word)
                .append(")) || plainto_tsquery('english', chat.search_normalize(").param(word).append(")))");
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** SQL with positional parameters, built in order. */
    static final class Sql {
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

        String text() {
            return text.toString();
        }

        List<Object> params() {
            return List.copyOf(params);
        }

        Query query(EntityManager em) {
            Query query = em.createNativeQuery(text.toString());
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query;
        }
    }
}
