package dev.blau.chat.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.blau.chat.search.control.MessageSearch.Cursor;
import dev.blau.chat.search.control.SearchSql.Scope;
import dev.blau.chat.search.control.SearchSql.Sql;

class SearchSqlTest {

    private static final Instant AT = Instant.parse("2026-12-05T14:00:00.123Z");
    private static final Cursor AFTER = new Cursor(AT, "room-b", 42, 0);

    private static int count(String text, String part) {
        return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    @Test
    void theWindowIsEnoughWhenItHeldThePageOrSawEveryMessage() {
        assertTrue(SearchSql.windowSuffices(21, 21, true)); // the page among the newest: nothing older comes first
        assertTrue(SearchSql.windowSuffices(3, 21, false)); // ran out of messages before its end: saw them all
        assertTrue(SearchSql.windowSuffices(0, 21, false));
        assertFalse(SearchSql.windowSuffices(20, 21, true)); // older messages were left unread: they may match
        assertFalse(SearchSql.windowSuffices(0, 1_000, true));
    }

    @Test
    void widerWindowsAreReadOnlyWhenTheRateOfMatchesSaysTheyWouldFindEnough() {
        assertFalse(SearchSql.widerWindowsPay(0, 2_000, 21, 8_000)); // none at all: the word indexes
        assertFalse(SearchSql.widerWindowsPay(1, 2_000, 21, 8_000)); // 4 more expected of 20
        assertTrue(SearchSql.widerWindowsPay(3, 2_000, 21, 8_000)); // 12 more expected of 18: at least half
        assertTrue(SearchSql.widerWindowsPay(100, 2_000, 1_000, 40_000)); // 2,000 more expected of 900
        assertFalse(SearchSql.widerWindowsPay(5, 10_000, 21, 0)); // no window left
    }

    @Test
    void theNextWindowIsTwiceWhatTheRateSoFarNeedsForTheRestOfThePage() {
        assertEquals(667, SearchSql.nextWindow(18, 2_000, 21, 8_000)); // 3 more at 18 in 2,000: 333 expected
        assertEquals(500, SearchSql.nextWindow(20, 2_000, 21, 8_000)); // one short: the smallest window
        assertEquals(4_400, SearchSql.nextWindow(10, 2_000, 21, 8_000));
        assertEquals(8_000, SearchSql.nextWindow(3, 2_000, 21, 8_000)); // all the budget left
        assertEquals(8_000, SearchSql.nextWindow(60, 2_000, 1_000, 8_000)); // relevance reads the budget whole
        assertEquals(300, SearchSql.nextWindow(15, 9_700, 21, 300)); // never past the budget
    }

    @Test
    void aFewRoomsAreReadEachNewestFirstFromBelowTheCursorAndMerged() {
        Sql sql = SearchSql.window(Scope.rooms(List.of("room-a", "room-b", "room-c")), SearchQuery.parse("deploy"),
                false, AFTER, 2_000, 21);
        String text = sql.text();
        assertEquals(3, count(text, "FROM chat.message_search WHERE room_id = ?"));
        assertEquals(2, count(text, " UNION ALL "));
        assertEquals(3, count(text, " ORDER BY sent_at DESC, seq DESC LIMIT 2000)"));
        assertEquals(3, count(text, " AND sent_at <= ?"));
        assertEquals(3, count(text, " AND (sent_at, room_id, seq) < (?"));
        assertTrue(text.contains(") u ORDER BY sent_at DESC, room_id DESC, seq DESC LIMIT 2000) w"));
        assertTrue(text.contains("n = 2000 AS last"));
        assertTrue(text.contains(" h WHERE hit OR last ORDER BY sent_at DESC, room_id DESC, seq DESC LIMIT ?"));
        assertFalse(text.contains("chat.room_member"));
        assertFalse(text.contains("ts_rank"));
        // the word (three times: substring, Portuguese and English stems), then each room with its own bound:
        // the cursor's time (the index range, then the row compare), room and seq
        List<Object> params = sql.params();
        Timestamp at = Timestamp.from(AT);
        assertEquals(List.of("deploy", "deploy", "deploy", "room-a", at, at, "room-b", 42L, "room-b"),
                params.subList(0, 9));
        assertEquals(21, params.get(params.size() - 1));
        assertEquals(params.size(), count(text, "?"));
    }

    @Test
    void aMembersManyRoomsAreReadRoomByRoomAFewEachThenFurtherWhereTheWindowNeedsMore() {
        Sql sql = SearchSql.window(Scope.memberOf("user-1", 1_001), SearchQuery.parse("from:@Ana deploy"), false, AFTER,
                8_000, 21);
        String text = sql.text();
        assertFalse(text.contains("UNION ALL (")); // no room listed
        // 16 of each of the member's rooms (twice 8,000 / 1,001) from below the cursor, on the room's index
        assertTrue(text.contains(" FROM chat.room_member m CROSS JOIN LATERAL (SELECT y.*, row_number() OVER"
                + " (ORDER BY y.sent_at DESC, y.seq DESC) AS rn FROM (SELECT s.room_id, s.seq, s.sent_at"
                + " FROM chat.message_search s WHERE s.room_id = m.room_id AND s.sent_at <= ?5"
                + " AND (s.sent_at, s.room_id, s.seq) < (?6, ?7, ?8) ORDER BY s.sent_at DESC, s.seq DESC LIMIT 16) y) x"
                + " WHERE m.user_id = ?9)"));
        assertTrue(text.contains("FROM first ORDER BY sent_at DESC, room_id DESC, seq DESC OFFSET 7999 LIMIT 1)"));
        // the rooms whose 16th is within the newest 8,000 read are read further, below it and down to the 8,000th
        assertTrue(text.contains("WHERE s.room_id = f.room_id AND s.sent_at <= f.sent_at"
                + " AND (s.sent_at, s.seq) < (f.sent_at, f.seq)"
                + " AND s.sent_at >= coalesce((SELECT e.sent_at FROM window_end e), '-infinity')"
                + " ORDER BY s.sent_at DESC, s.seq DESC LIMIT 7984) z WHERE f.rn = 16 AND NOT EXISTS"));
        assertTrue(text.contains(" SELECT w.room_id, w.seq, w.sent_at, ms.sender_id, ms.body, ms.body_norm, ms.body_tsv FROM"));
        assertTrue(text.contains(" LIMIT 8000) w JOIN chat.message_search ms ON ms.room_id = w.room_id AND ms.seq = w.seq"
                + " ORDER BY w.sent_at DESC, w.room_id DESC, w.seq DESC) m"
                + " ORDER BY sent_at DESC, room_id DESC, seq DESC LIMIT 8000) w) s"));
        assertTrue(text.contains(" AND s.sender_id = ANY(ARRAY(SELECT u.id FROM chat.chat_user u"
                + " WHERE lower(u.username) IN (?1))) AND (s.body_norm LIKE"));
        Timestamp at = Timestamp.from(AT);
        assertEquals(List.of("ana", "deploy", "deploy", "deploy", at, at, "room-b", 42L, "user-1", 21), sql.params());
    }

    @Test
    void eachRoomIsReadFirstForTwiceItsEvenShareOfTheWindow() {
        assertEquals(4, SearchSql.firstPerRoom(2_000, 1_001));
        assertEquals(16, SearchSql.firstPerRoom(8_000, 1_001));
        assertEquals(62, SearchSql.firstPerRoom(2_000, 65));
        assertEquals(2, SearchSql.firstPerRoom(2_000, 50_000)); // at least two: a room's first read may be its last
        assertEquals(2_000, SearchSql.firstPerRoom(2_000, 1)); // never more than the window
    }

    @Test
    void byRelevanceTheWindowStartsAtTheNewestAndRanksWhatItReturns() {
        Sql sql = SearchSql.window(Scope.rooms(List.of("room-a")), SearchQuery.parse("deploy"), true, Cursor.START,
                2_000, MessageSearch.MAX_RANKED);
        String text = sql.text();
        assertFalse(text.contains("sent_at <="));
        assertTrue(text.contains("ts_rank(s.body_tsv, "));
        assertTrue(text.startsWith("SELECT f.room_id, f.seq, f.sent_at, r.name, f.hit AND r.id IS NOT NULL AS hit, f.last,"
                + " f.rank FROM ("));
        assertEquals(MessageSearch.MAX_RANKED, sql.params().get(sql.params().size() - 1));
    }

    @Test
    void relevanceRanksBestFirstAndTheNewerFirstAmongEquals() {
        // newest first, as the windows return them: room, seq, sent at, name, hit, last, rank
        List<Object[]> newestFirst = List.of(row("a", 9, 0.1f), row("b", 8, 0.5f), row("a", 7, 0.1f),
                row("b", 6, 0.9f), row("a", 5, 0.5f));
        assertEquals(List.of(6L, 8L, 5L, 9L, 7L), seqs(MessageSearch.byRank(newestFirst, 0, 20)));
        assertEquals(List.of(6L, 8L, 5L), seqs(MessageSearch.byRank(newestFirst, 0, 2))); // one more: there is a next page
        assertEquals(List.of(5L, 9L, 7L), seqs(MessageSearch.byRank(newestFirst, 2, 2)));
        assertEquals(List.of(), seqs(MessageSearch.byRank(newestFirst, 40, 20)));
    }

    private static Object[] row(String room, long seq, float rank) {
        return new Object[] {room, seq, Timestamp.from(AT), "name", true, false, rank};
    }

    private static List<Long> seqs(List<Object[]> rows) {
        return rows.stream().map(row -> (Long) row[1]).toList();
    }

    @Test
    void theWordIndexesFindEveryMatchBeforeItIsSorted() {
        Sql sql = SearchSql.indexed(Scope.rooms(List.of("room-a", "room-b")), SearchQuery.parse("deploy \"do codigo\""),
                SearchOrder.NEWEST, AFTER, 20, MessageSearch.MAX_RANKED);
        assertEquals("WITH matches AS MATERIALIZED (SELECT s.room_id, s.seq, s.sent_at FROM chat.message_search s"
                + " WHERE s.body <> '' AND s.room_id IN (?1, ?2)"
                + " AND (s.body_norm LIKE '%' || chat.search_normalize(?3) || '%' OR s.body_tsv @@"
                + " (plainto_tsquery('portuguese', chat.search_normalize(?4)) || plainto_tsquery('english',"
                + " chat.search_normalize(?5))))"
                + " AND s.body_norm LIKE '%' || chat.search_normalize(?6) || '%'"
                + " AND (s.sent_at, s.room_id, s.seq) < (?7, ?8, ?9))"
                + " SELECT m.room_id, m.seq, m.sent_at, r.name FROM matches m JOIN chat.room r ON r.id = m.room_id"
                + " ORDER BY m.sent_at DESC, m.room_id DESC, m.seq DESC LIMIT ?10", sql.text());
        assertEquals(21, sql.params().get(9));
        assertTrue(SearchSql.indexed(Scope.memberOf("user-1", 1_001), SearchQuery.parse("deploy"), SearchOrder.NEWEST,
                Cursor.START, 20, MessageSearch.MAX_RANKED).text()
                .contains(" AND s.room_id IN (SELECT m.room_id FROM chat.room_member m WHERE m.user_id = ?1)"));
        Sql ranked = SearchSql.indexed(Scope.memberOf("user-1", 1_001), SearchQuery.parse("deploy"), SearchOrder.RELEVANCE,
                new Cursor(null, null, 0, 40), 20, MessageSearch.MAX_RANKED);
        // ranked in the common table (the stems, then the member), the newest taken, then ranked
        assertTrue(ranked.text().contains(" ORDER BY m.sent_at DESC, m.room_id DESC, m.seq DESC LIMIT ?7) ranked"
                + " ORDER BY rank DESC, sent_at DESC, room_id DESC, seq DESC OFFSET ?8 LIMIT ?9"));
        assertEquals(List.of(MessageSearch.MAX_RANKED, 40, 21), ranked.params().subList(6, 9));
    }

    @Test
    void likeWildcardsInAWordAreLiteral() {
        assertEquals("50\\%\\_off\\\\", SearchSql.escapeLike("50%_off\\"));
    }
}
