package dev.blau.chat.live.control;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.access.control.IdentityTokens;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.events.control.ChatEvents;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.live.entity.Command;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.control.Messages;
import dev.blau.chat.presence.control.Presence;
import dev.blau.chat.presence.control.Typing;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.Visibility;
import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;

/** Runs the commands of one socket: what each {@link Command} does, with the same rules as REST. */
@ApplicationScoped
public class SocketCommands {

    @Inject
    LiveRooms live;

    @Inject
    Rooms rooms;

    @Inject
    Messages messages;

    @Inject
    Presence presence;

    @Inject
    Typing typing;

    @Inject
    ChatEvents events;

    @Inject
    IdentityTokens tokens;

    @Inject
    SocketAuthorizations authorizations;

    public void run(Connection connection, Command command) throws InterruptedException {
        if (command instanceof Command.JoinRoom join) {
            joinRoom(connection, join);
        } else if (command instanceof Command.LeaveRoom leave) {
            live.unfollow(connection, leave.roomId());
            connection.send(Frames.left(leave.roomId()));
        } else if (command instanceof Command.SendMessage send) {
            sendMessage(connection, send);
        } else if (command instanceof Command.EditMessage edit) {
            changed(connection, edit.roomId(), messages.edit(connection.caller(), edit.roomId(), edit.seq(), edit.text()));
        } else if (command instanceof Command.DeleteMessage delete) {
            changed(connection, delete.roomId(), messages.delete(connection.caller(), delete.roomId(), delete.seq()));
        } else if (command instanceof Command.React react) {
            changed(connection, react.roomId(),
                    messages.react(connection.caller(), react.roomId(), react.seq(), react.emoji(), react.on()));
        } else if (command instanceof Command.Typing t) {
            typing(connection, t);
        } else if (command instanceof Command.MarkRead mark) {
            rooms.markRead(connection.userId(), mark.roomId(), mark.seq());
        } else if (command instanceof Command.SetStatus status) {
            setStatus(connection, status.status());
        } else if (command instanceof Command.Ping) {
            connection.send(Frames.pong());
        } else if (command instanceof Command.Authenticate auth) {
            renew(connection, auth.token());
        }
    }

    private void joinRoom(Connection connection, Command.JoinRoom join) throws InterruptedException {
        Room room = rooms.visible(join.roomId(), connection.userId());
        if (rooms.membership(join.roomId(), connection.userId()).isEmpty() && room.visibility() == Visibility.PUBLIC) {
            rooms.join(connection.caller(), join.roomId());
        }
        // a mute in force is kept by the socket from here; its events keep it current
        connection.mute(join.roomId(), rooms.member(join.roomId(), connection.userId()).mutedUntil());
        LiveRooms.Followed followed = live.follow(connection, join.roomId(), join.lastSeq(), join.sinceVersion());
        connection.send(Frames.joined(join.roomId(), followed.lastSeq(), followed.version()));
    }

    // a change reaches the room's sockets (this one too) as message_updated; a repeat that changed nothing,
    // or a socket that does not follow the room, is answered directly
    private void changed(Connection connection, String roomId, MessageStore.Changed changed) {
        if (!changed.changed() || !connection.follows(roomId)) {
            connection.send(Frames.messageUpdated(changed.message().seenBy(connection.userId())));
        }
    }

    private void sendMessage(Connection connection, Command.SendMessage send) {
        // a socket that follows the room was checked as a member when it joined; others ask the database
        Instant mutedUntil = connection.mutedUntil(send.roomId());
        if (mutedUntil != null && connection.follows(send.roomId())) {
            throw ChatProblems.muted(mutedUntil);
        }
        MessageStore.Appended appended = connection.follows(send.roomId())
                ? messages.sendAsMember(connection.caller(), send.roomId(), send.clientMsgId(), send.text(),
                        send.replyToSeq(), send.attachments())
                : messages.send(connection.caller(), send.roomId(), send.clientMsgId(), send.text(), send.replyToSeq(),
                        send.attachments());
        connection.send(Frames.ack(send.clientMsgId(), appended.message()));
    }

    private void typing(Connection connection, Command.Typing command) {
        if (!connection.follows(command.roomId())) {
            throw ChatProblems.roomNotFound(); // join_room first; says nothing about the room
        }
        boolean changed = command.typing() ? typing.started(command.roomId(), connection.userId())
                : typing.stopped(command.roomId(), connection.userId());
        if (changed) {
            events.publish(ChatEvent.typing(command.roomId(), connection.caller().ref(), command.typing()));
        }
    }

    private void setStatus(Connection connection, String status) {
        if (!Presence.CHOSEN_STATUSES.contains(status)) {
            throw ChatProblems.invalid("status", "must be online, away or busy");
        }
        presence.choose(connection.userId(), status);
        announcePresence(connection.caller(), status);
    }

    /** A fresh token of the same user moves the socket's expiry on; another user's token ends the socket. */
    private void renew(Connection connection, String token) {
        IdentityTokens.Access access;
        try {
            access = tokens.access(token);
        } catch (IdentityTokens.InvalidTokenException e) {
            throw new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.UNAUTHORIZED, "invalid-token",
                    "The token was refused (" + e.getMessage() + "); the socket stays authorized until "
                            + connection.authorizedUntil() + "."));
        }
        if (!access.userId().equals(connection.userId())) {
            connection.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "token of another user"));
            return;
        }
        Instant until = access.expiresAt();
        authorizations.authorize(connection, until);
        connection.send(Frames.authOk(until));
    }

    public void announcePresence(Caller caller, String status) {
        events.publish(ChatEvent.presence(caller.ref(), status, rooms.roomIdsOf(caller.id())));
    }
}
