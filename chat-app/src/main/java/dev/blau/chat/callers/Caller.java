package dev.blau.chat.callers;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is asking: the user behind a REST call or a WebSocket connection, taken from the
 * Keycloak access token (at the handshake, from the ticket bought with it), or a bot, taken
 * from its bot token. {@code sessionId} is Keycloak's session ({@code sid}): when it ends, so
 * do the user's sockets; a bot has none, its sockets last until it is revoked. The realm roles:
 * {@code admin} administers BLAU; {@code moderator} moderates every room they can see (bans,
 * mutes and deletions as a room's owner would), whether or not they belong to it. A bot holds
 * neither.
 */
public record Caller(String id, String username, String displayName, boolean admin, boolean moderator,
                     String sessionId, boolean bot) {

    public static Caller of(JsonWebToken token) {
        String username = token.getClaim("preferred_username");
        String name = token.getClaim("name");
        return new Caller(token.getSubject(), username == null ? token.getSubject() : username,
                name == null || name.isBlank() ? username : name,
                token.getGroups() != null && token.getGroups().contains("admin"),
                token.getGroups() != null && token.getGroups().contains("moderator"), token.getClaim("sid"), false);
    }

    public static Caller bot(UserRef bot) {
        return new Caller(bot.id(), bot.username(), bot.displayName(), false, false, null, true);
    }

    /** The short form other users see. */
    public UserRef ref() {
        return new UserRef(id, username, displayName);
    }
}
