package dev.blau.chat.callers;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is asking: the user behind a REST call or a WebSocket connection, taken from the
 * Keycloak access token (at the handshake, from the ticket bought with it). {@code sessionId}
 * is Keycloak's session ({@code sid}): when it ends, so do the user's sockets. The realm roles:
 * {@code admin} administers BLAU; {@code moderator} moderates every room they can see (bans,
 * mutes and deletions as a room's owner would), whether or not they belong to it.
 */
public record Caller(String id, String username, String displayName, boolean admin, boolean moderator,
                     String sessionId) {

    public static Caller of(JsonWebToken token) {
        String username = token.getClaim("preferred_username");
        String name = token.getClaim("name");
        return new Caller(token.getSubject(), username == null ? token.getSubject() : username,
                name == null || name.isBlank() ? username : name,
                token.getGroups() != null && token.getGroups().contains("admin"),
                token.getGroups() != null && token.getGroups().contains("moderator"), token.getClaim("sid"));
    }

    /** The short form other users see. */
    public UserRef ref() {
        return new UserRef(id, username, displayName);
    }
}
