package dev.blau.chat.live.entity;

import java.util.List;

/**
 * What a client asks over its socket, decoded and checked for shape at the boundary
 * ({@code FrameDecoder}); the rules of content (a message's text, ids) are the same as for
 * REST and are applied by the control classes that run the command.
 */
public sealed interface Command {

    /** What the client named this command by, echoed in an error frame about it (null: the room is named). */
    default String ref() {
        return null;
    }

    record JoinRoom(String roomId, Long lastSeq, Long sinceVersion) implements Command { }

    record LeaveRoom(String roomId) implements Command { }

    record SendMessage(String roomId, String clientMsgId, String text, Long replyToSeq, List<String> attachments)
            implements Command {
        @Override
        public String ref() {
            return clientMsgId;
        }
    }

    record EditMessage(String roomId, long seq, String text, String ref) implements Command { }

    record DeleteMessage(String roomId, long seq, String ref) implements Command { }

    /** {@code on}: add the caller's reaction, or take it back. */
    record React(String roomId, long seq, String emoji, boolean on, String ref) implements Command { }

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
