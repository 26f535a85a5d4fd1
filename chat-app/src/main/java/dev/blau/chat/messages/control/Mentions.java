package dev.blau.chat.messages.control;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code @username} and {@code @room} names in a text. Who they are is the room's business. */
final class Mentions {

    static final String ROOM = "room";
    // usernames: 3 to 32 of letters, digits, '.', '_', '-' (auth-app's rule); not inside a word or an e-mail address
    private static final Pattern NAME = Pattern.compile("(?<![A-Za-z0-9._@-])@([A-Za-z0-9][A-Za-z0-9._-]{1,31})");

    private Mentions() {
    }

    /** Lower-cased names, in order of first appearance; a trailing '.', '_' or '-' (end of a sentence) is tried without too. */
    static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = NAME.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            names.add(name);
            String trimmed = name.replaceAll("[._-]+$", "");
            if (!trimmed.equals(name) && !trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        return names;
    }
}
