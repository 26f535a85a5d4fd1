package dev.blau.chat.search.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a user typed into the search box, taken apart: plain words, {@code "exact phrases"},
 * {@code from:@username} and {@code in:#room}. Every plain word must match (by stem or as a
 * substring); a phrase must appear as written, accents and case aside. A word of fewer than
 * {@link #MIN_SUBSTRING} characters can only match a whole word, so a search needs one longer
 * word or phrase, or a {@code from:} filter (everything someone wrote).
 */
public record SearchQuery(List<String> words, List<String> phrases, List<String> fromUsernames,
                          List<String> inRooms) {

    public static final int MAX_LENGTH = 200;
    public static final int MAX_TERMS = 10;
    /** Trigram indexes serve substrings of at least three characters; shorter ones match whole words. */
    public static final int MIN_SUBSTRING = 3;

    public SearchQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        fromUsernames = List.copyOf(fromUsernames);
        inRooms = List.copyOf(inRooms);
    }

    /** Refused input: the message says what to change. */
    public static final class InvalidQueryException extends RuntimeException {
        InvalidQueryException(String message) {
            super(message);
        }
    }

    public static SearchQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidQueryException("Type something to search for.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidQueryException("A search is at most " + MAX_LENGTH + " characters.");
        }
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> from = new ArrayList<>();
        List<String> in = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                String phrase = (end < 0 ? text.substring(i + 1) : text.substring(i + 1, end)).strip()
                        .replaceAll("\\s+", " ");
                if (!phrase.isEmpty()) {
                    phrases.add(phrase);
                }
                i = end < 0 ? text.length() : end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                String token = text.substring(i, end);
                i = end;
                String lower = token.toLowerCase(Locale.ROOT);
                if (lower.startsWith("from:")) {
                    from.add(filterValue(token.substring(5), '@', "from:@username"));
                } else if (lower.startsWith("in:")) {
                    in.add(filterValue(token.substring(3), '#', "in:#room"));
                } else {
                    words.add(token);
                }
            }
        }
        if (words.size() + phrases.size() + from.size() + in.size() > MAX_TERMS) {
            throw new InvalidQueryException("A search has at most " + MAX_TERMS + " words, phrases and filters.");
        }
        boolean searchable = words.stream().anyMatch(w -> w.codePointCount(0, w.length()) >= MIN_SUBSTRING)
                || phrases.stream().anyMatch(p -> p.codePointCount(0, p.length()) >= MIN_SUBSTRING)
                || !from.isEmpty();
        if (!searchable) {
            throw new InvalidQueryException("Search for at least one word or \"phrase\" of " + MIN_SUBSTRING
                    + " or more characters, or for what someone wrote (from:@username).");
        }
        return new SearchQuery(words, phrases, from, in);
    }

    private static String filterValue(String value, char sigil, String example) {
        String name = !value.isEmpty() && value.charAt(0) == sigil ? value.substring(1) : value;
        if (name.isEmpty()) {
            throw new InvalidQueryException("Name someone or something after the filter, as in " + example + ".");
        }
        return name;
    }

    /** What a result's text is highlighted by: every word and phrase. */
    public List<String> highlightTerms() {
        List<String> terms = new ArrayList<>(words);
        terms.addAll(phrases);
        return terms;
    }
}
