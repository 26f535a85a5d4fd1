package dev.blau.chat.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.blau.chat.search.control.MessageSearch.Cursor;
import dev.blau.chat.search.control.SearchSql.Scope;
import dev.blau.chat.search.control.SearchSql.Sql;

/**
 * How a search walks the newest messages window after window and when it leaves the rest to the
 * word indexes: the windows' answers are given here, as PostgreSQL would give them.
 */
class SearchWindowsTest {

    private static final Scope SCOPE = Scope.rooms(List.of("room-a", "room-b"));
    private static final SearchQuery DEPLOY = SearchQuery.parse("deploy");
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    /** What the windows answer, in turn; and the statements asked. */
    private final Deque<List<Object[]>> answers = new ArrayDeque<>();
    private final List<Sql> asked = new ArrayList<>();

    private List<Object[]> run(Sql sql) {
        asked.add(sql);
        return answers.removeFirst();
    }

    @Test
    void aCommonWordIsRankedAmongTheMatchesOfBothWindows() {
        answers.add(window(0, 60, true)); // 60 matches in the first 2,000 messages: the second window pays
        answers.add(window(1_000, 200, true));

        List<Object[]> page = MessageSearch.fromWindows(this::run, SCOPE, DEPLOY, SearchOrder.RELEVANCE, Cursor.START, 20);

        assertEquals(2, asked.size());
        assertEquals(21, page.size()); // a page and one more: there is a next page
        // best ranked first: every tenth match ranks highest, the newest of those first
        assertEquals(List.of(0L, 10L, 20L), seqs(page).subList(0, 3));
        // the second page comes from the same ranked set
        answers.add(window(0, 60, true));
        answers.add(window(1_000, 200, true));
        List<Object[]> second = MessageSearch.fromWindows(this::run, SCOPE, DEPLOY, SearchOrder.RELEVANCE,
                new Cursor(null, null, 0, 20), 20);
        assertEquals(seqs(page).get(20), seqs(second).get(0));
    }

    @Test
    void aWordWithLessThanAPageOfMatchesInTheWindowsIsLeftToTheWordIndexes() {
        answers.add(window(0, 30, true)); // 30 in 2,000: 120 more expected in 8,000, the second window is read
        answers.add(window(1_000, 20, true)); // 50 in all: one short of ranking among them

        assertNull(MessageSearch.fromWindows(this::run, SCOPE, DEPLOY, SearchOrder.RELEVANCE, Cursor.START, 20));
        assertEquals(2, asked.size());
    }

    @Test
    void aRareWordStopsAfterTheFirstWindow() {
        answers.add(window(0, 1, true)); // 1 in 2,000: 4 more expected in 8,000, far from a page

        assertNull(MessageSearch.fromWindows(this::run, SCOPE, DEPLOY, SearchOrder.RELEVANCE, Cursor.START, 20));
        assertEquals(1, asked.size());
    }

    @Test
    void whenTheScopeHoldsFewerMessagesThanAWindowEveryMatchIsRanked() {
        answers.add(window(0, 3, false)); // the window ran out of messages: it saw them all

        List<Object[]> page = MessageSearch.fromWindows(this::run, SCOPE, DEPLOY, SearchOrder.RELEVANCE, Cursor.START, 20);

        assertEquals(3, page.size());
        assertEquals(1, asked.size());
    }

    @Test
    void newestFirstAPageInTheFirstWindowIsTheAnswer() {
        answers.add(window(0, 21, true));

        List<Object[]> page = MessageSearch.fromWindows(this::run, SCOPE, DEPLOY, SearchOrder.NEWEST, Cursor.START, 20);

        assertEquals(1, asked.size());
        assertEquals(21, page.size());
        assertEquals(0L, seqs(page).get(0)); // newest first, as the window gave them
        assertEquals(20L, seqs(page).get(20));
    }

    @Test
    void newestFirstAWordAFewMatchesShortOfAPageReadsASmallSecondWindow() {
        answers.add(window(0, 18, true)); // 18 in 2,000: 3 more wanted, about 333 messages away
        answers.add(window(1_000, 3, true));

        List<Object[]> page = MessageSearch.fromWindows(this::run, SCOPE, DEPLOY, SearchOrder.NEWEST, Cursor.START, 20);

        assertEquals(2, asked.size());
        assertTrue(asked.get(0).text().contains(" LIMIT 2000"));
        assertTrue(asked.get(1).text().contains(" LIMIT 667"), asked.get(1).text()); // not the whole budget left
        assertFalse(asked.get(1).text().contains(" LIMIT 8000"));
        assertEquals(21, page.size());
        assertEquals(List.of(0L, 17L, 1_000L, 1_002L), List.of(seqs(page).get(0), seqs(page).get(17),
                seqs(page).get(18), seqs(page).get(20))); // newest first, the second window's after the first's
    }

    @Test
    void newestFirstAThirdWindowReadsTheRestOfTheBudgetThenTheWordIndexesTakeOver() {
        answers.add(window(0, 18, true));
        answers.add(window(1_000, 1, true)); // the second window fell short: 2 more wanted
        answers.add(window(2_000, 0, true)); // the budget read whole, and still short

        assertNull(MessageSearch.fromWindows(this::run, SCOPE, DEPLOY, SearchOrder.NEWEST, Cursor.START, 20));
        assertEquals(3, asked.size());
        assertTrue(asked.get(2).text().contains(" LIMIT 7333"), asked.get(2).text()); // 10,000 - 2,000 - 667
    }

    /**
     * A window's rows as {@code SearchSql.window} returns them — room, seq, sent at, room name,
     * whether it matches, whether it is the window's last message, rank — {@code matches} matches
     * newest first from seq {@code first}, and the window's last message when it was full.
     */
    private static List<Object[]> window(long first, int matches, boolean full) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < matches; i++) {
            long seq = first + i;
            float rank = seq % 10 == 0 ? 0.9f : 0.1f;
            rows.add(new Object[] {"room-a", seq, Timestamp.from(NOW.minusSeconds(seq)), "general", true, false, rank});
        }
        if (full) {
            long last = first + 999;
            rows.add(new Object[] {"room-b", last, Timestamp.from(NOW.minusSeconds(last)), "random", false, true, 0f});
        }
        return rows;
    }

    private static List<Long> seqs(List<Object[]> rows) {
        return rows.stream().map(row -> ((Number) row[1]).longValue()).toList();
    }
}
