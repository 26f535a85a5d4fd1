package dev.blau.chat.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.blau.chat.search.control.SearchQuery.InvalidQueryException;

class SearchQueryTest {

    @Test
    void takesWordsPhrasesAndFiltersApart() {
        SearchQuery query = SearchQuery.parse("  deploy \"ação   concluída\" from:@Ana in:#general url ");
        assertEquals(List.of("deploy", "url"), query.words());
        assertEquals(List.of("ação concluída"), query.phrases());
        assertEquals(List.of("Ana"), query.fromUsernames());
        assertEquals(List.of("general"), query.inRooms());
        assertEquals(List.of("deploy", "url", "ação concluída"), query.highlightTerms());
    }

    @Test
    void filtersWithoutTheirSigilAndAnUnclosedPhraseAreUnderstood() {
        SearchQuery query = SearchQuery.parse("FROM:bob IN:dev \"half open");
        assertEquals(List.of("bob"), query.fromUsernames());
        assertEquals(List.of("dev"), query.inRooms());
        assertEquals(List.of("half open"), query.phrases());
        assertEquals(List.of(), query.words());
    }

    @Test
    void aUrlStaysOneWord() {
        assertEquals(List.of("https://example.com/blau/pull/42"),
                SearchQuery.parse("https://example.com/blau/pull/42").words());
    }

    @Test
    void everythingSomeoneWroteNeedsNoWord() {
        assertEquals(List.of("ana"), SearchQuery.parse("from:@ana").fromUsernames());
    }

    @Test
    void refusesWhatCannotBeSearched() {
        for (String bad : new String[] {null, "", "   ", "a b", "\"ok\"", "in:#general", "ab in:#x", "from:@",
                "in:#", "x".repeat(SearchQuery.MAX_LENGTH + 1), "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11"}) {
            assertThrows(InvalidQueryException.class, () -> SearchQuery.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void aWordOfThreeLettersIsEnoughWhateverItsScript() {
        assertEquals(List.of("ação"), SearchQuery.parse("ação").words());
        assertEquals(List.of("日本語"), SearchQuery.parse("日本語").words());
    }
}
