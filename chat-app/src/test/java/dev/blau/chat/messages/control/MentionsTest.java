package dev.blau.chat.messages.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void namesAreFoundAtWordStartsWithoutCaseAndNotInsideAddresses() {
        assertEquals(List.of("ana", "bob.k.", "bob.k", "room"),
                List.copyOf(Mentions.names("@Ana, ask @bob.k. Mail ana@example.org or @room! @ana again")));
    }

    @Test
    void aTextWithoutNamesHasNone() {
        assertEquals(List.of(), List.copyOf(Mentions.names("no one @ all, a@b")));
    }
}
