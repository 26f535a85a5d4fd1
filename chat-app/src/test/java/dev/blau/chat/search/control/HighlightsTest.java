package dev.blau.chat.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class HighlightsTest {

    private static List<List<Integer>> ranges(String text, String... terms) {
        return Highlights.find(text, List.of(terms)).stream().map(r -> List.of(r[0], r[1])).toList();
    }

    @Test
    void matchesWithoutAccentsOrCaseAndPointsIntoTheOriginalText() {
        String text = "Ação concluída: AÇÃO!";
        assertEquals(List.of(List.of(0, 4), List.of(16, 20)), ranges(text, "acao"));
        assertEquals("Ação", text.substring(0, 4));
        assertEquals(List.of(List.of(5, 14)), ranges(text, "CONCLUIDA"));
    }

    @Test
    void findsSubstringsAndUrlParts() {
        String text = "redeployed at https://example.com/blau/pull/42";
        assertEquals(List.of(List.of(2, 8)), ranges(text, "deploy"));
        int at = text.indexOf("pull/42");
        assertEquals(List.of(List.of(at, at + 7)), ranges(text, "pull/42"));
    }

    @Test
    void decomposedAccentsAndSurrogatePairsKeepTheirOffsets() {
        String text = "😀 cafe\u0301 ok"; // an emoji (two UTF-16 units), then "café" written with a combining accent
        int at = text.indexOf("cafe");
        assertEquals(List.of(List.of(at, at + 5)), ranges(text, "café"));
    }

    @Test
    void overlappingMatchesMergeAndResultsAreSorted() {
        assertEquals(List.of(List.of(0, 6), List.of(10, 13)), ranges("abcdef -- abc", "cdef", "abc", "bcd"));
    }

    @Test
    void aPhraseIsOneRangeAndNothingMatchesNothing() {
        assertEquals(List.of(List.of(4, 13)), ranges("the ação nova here", "acao nova"));
        assertEquals(List.of(), ranges("nothing here", "absent"));
        assertEquals(List.of(), ranges("", "x"));
    }
}
