package dev.blau.chat.messages.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "\uD83D\uDC4D",                                           // thumbs up
            "\uD83D\uDC4D\uD83C\uDFFD",                               // with a skin tone
            "\u2764\uFE0F",                                           // red heart, emoji presentation
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67",       // family: a ZWJ sequence
            "\uD83C\uDDE7\uD83C\uDDF7",                               // a flag: two regional indicators
            "1\uFE0F\u20E3",                                          // keycap one
            "\u2B50", "\uD83E\uDEE0",                                 // star; melting face (Unicode 14)
            "\u2934\uFE0F", "\u2935\uFE0F"})                          // arrows curving up and down
    void oneEmojiIsOneReaction(String emoji) {
        assertTrue(Emoji.isSingle(emoji), emoji);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "ab", "1", "#", "\uD83D\uDC4D\uD83D\uDC4D", "\uD83D\uDC4D ", "x\uD83D\uDC4D",
            "\uD83C\uDDE7\uD83C\uDDF7\uD83C\uDDE7", ":+1:", "<script>"})
    void anythingElseIsNot(String value) {
        assertFalse(Emoji.isSingle(value), value);
    }
}
