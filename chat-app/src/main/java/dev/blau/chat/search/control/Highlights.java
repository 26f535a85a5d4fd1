package dev.blau.chat.search.control;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where a message's text matches the searched words and phrases, as half-open {@code [start, end)}
 * offsets into the original text (UTF-16 units, as JavaScript indexes strings). Matching ignores
 * accents and case as the index does: the text is folded character by character and every folded
 * character remembers the original one it came from, so offsets stay right whatever the folding
 * did to the length.
 */
public final class Highlights {

    private Highlights() {
    }

    /** Sorted, merged ranges; empty when nothing matches literally (a stemmed match has no literal span). */
    public static List<int[]> find(String text, List<String> terms) {
        Folded folded = fold(text);
        List<int[]> ranges = new ArrayList<>();
        for (String term : terms) {
            String needle = fold(term).text;
            if (needle.isEmpty()) {
                continue;
            }
            for (int at = folded.text.indexOf(needle); at >= 0; at = folded.text.indexOf(needle, at + 1)) {
                int end = folded.originEnd[at + needle.length() - 1];
                while (end < text.length() && isMark(text.codePointAt(end))) { // a combining accent stays with its letter
                    end += Character.charCount(text.codePointAt(end));
                }
                ranges.add(new int[] {folded.origin[at], end});
            }
        }
        ranges.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> r[1]));
        List<int[]> merged = new ArrayList<>();
        for (int[] range : ranges) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1]) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(range.clone());
            }
        }
        return merged;
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** One code point lower-cased, without its accents (NFD, marks dropped). */
    private static String folded(String text, int start, int end) {
        char c = text.charAt(start);
        if (c < 0x80) {
            return String.valueOf(Character.toLowerCase(c));
        }
        String decomposed = Normalizer.normalize(text.substring(start, end), Normalizer.Form.NFD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(cp -> !isMark(cp)).forEach(kept::appendCodePoint);
        return kept.toString().toLowerCase(Locale.ROOT);
    }

    private record Folded(String text, int[] origin, int[] originEnd) {
    }

    private static Folded fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int[] origin = new int[text.length() * 3 + 1];
        int[] originEnd = new int[text.length() * 3 + 1];
        int i = 0;
        while (i < text.length()) {
            int next = i + Character.charCount(text.codePointAt(i));
            String piece = folded(text, i, next);
            for (int k = 0; k < piece.length(); k++) {
                if (out.length() >= origin.length) {
                    origin = Arrays.copyOf(origin, origin.length * 2);
                    originEnd = Arrays.copyOf(originEnd, originEnd.length * 2);
                }
                origin[out.length()] = i;
                originEnd[out.length()] = next;
                out.append(piece.charAt(k));
            }
            i = next;
        }
        return new Folded(out.toString(), origin, originEnd);
    }
}
