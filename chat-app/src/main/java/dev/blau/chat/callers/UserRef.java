package dev.blau.chat.callers;

/** {@code {"id","username","displayName"}}: a user as other users see them. */
public record UserRef(String id, String username, String displayName) {
}
