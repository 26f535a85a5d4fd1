package dev.blau.chat.messages.control;

import java.util.regex.Pattern;

/**
 * What a reaction may be: one emoji, as one user-perceived character (an extended grapheme
 * cluster: a base emoji with its skin tone, variation selector, ZWJ sequence, a flag or a
 * keycap). The JDK's regular expressions know grapheme clusters ({@code \X}); the emoji
 * code point ranges are those of Unicode's emoji data.
 */
final class Emoji {

    /** Longest cluster accepted (the longest ZWJ family sequences are 11 UTF-16 units; margin for new ones). */
    static final int MAX_LENGTH = 32;
    private static final Pattern ONE_GRAPHEME = Pattern.compile("\\X");

    private Emoji() {
    }

    static boolean isSingle(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !ONE_GRAPHEME.matcher(value).matches()) {
            return false;
        }
        int first = value.codePointAt(0);
        if (isKeycapBase(first)) { // 1️⃣ #️⃣ *️⃣: the base only counts with the keycap mark
            return value.indexOf('\u20E3') > 0;
        }
        return isEmojiBase(first);
    }

    private static boolean isKeycapBase(int cp) {
        return cp == '#' || cp == '*' || (cp >= '0' && cp <= '9');
    }

    private static boolean isEmojiBase(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF)   // mahjong … symbols and pictographs extended-A (flags, faces, people)
                || (cp >= 0x2600 && cp <= 0x27BF) // miscellaneous symbols, dingbats
                || (cp >= 0x2300 && cp <= 0x23FF) // technical: ⌚ ⏰ ⏩
                || (cp >= 0x2B00 && cp <= 0x2BFF) // arrows: ⬆ ⭐ ⭕
                || (cp >= 0x2190 && cp <= 0x21FF) // arrows: ↔ ↩
                || (cp >= 0x25A0 && cp <= 0x25FF) // geometric shapes: ▶ ◀ ◻
                || cp == 0x2934 || cp == 0x2935          // supplemental arrows: ⤴ ⤵
                || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139
                || cp == 0x24C2 || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
    }
}
