package dev.blau.chat.live.entity;

/**
 * What a client asks over its socket, decoded and checked for shape at the boundary
 * ({@code FrameDecoder}); the rules of content (a message's text, ids) are the same as for
 * REST and are applied by the control classes that run the command.
 */
public sealed interface Command {

    record JoinRoom(String roomId, Long lastSeq) implements Command { }

    record LeaveRoom(String roomId) implements Command { }

    record SendMessage(String roomId, String clientMsgId, String text) implements Command { }

    record Typing(String roomId, boolean typing) implements Command { }

    record MarkRead(String roomId, long seq) implements Command { }

    record SetStatus(String status) implements Command { }

    record Ping() implements Command { }

    /** Renews the socket's authorization with a fresh access token. */
    record Authenticate(String token) implements Command {
        @Override
        public String toString() {
            return "Authenticate[token=…]"; // never the token
        }
    }
}
