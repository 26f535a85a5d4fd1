package dev.blau.testing;

/**
 * A test user: their id, name and credentials — a person's access token ({@code Bearer}) or a
 * bot's token ({@code Bot}).
 */
public record ChatUser(String id, String username, String token, String scheme) {

    public ChatUser(String id, String username, String token) {
        this(id, username, token, "Bearer");
    }

    public static ChatUser bot(String id, String username, String token) {
        return new ChatUser(id, username, token, "Bot");
    }

    /** The value of the {@code Authorization} header. */
    public String authorization() {
        return scheme + " " + token;
    }
}
