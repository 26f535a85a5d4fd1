package dev.blau.chat.live.boundary;

import java.io.StringReader;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.events.control.ChatEventPublisher;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.live.control.Connection;
import dev.blau.chat.live.control.Frames;
import dev.blau.chat.live.control.LiveRooms;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.control.Messages;
import dev.blau.chat.messages.control.SendRateLimit;
import dev.blau.chat.presence.control.Presence;
import dev.blau.chat.presence.control.Typing;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.Visibility;
import dev.blau.chat.tickets.control.WsTickets;
import dev.blau.chat.users.control.ChatUsers;
import dev.blau.common.problem.ProblemException;

/**
 * The live chat socket, {@code /api/v1/chat/ws?ticket=...}: authenticated by a single-use
 * ticket, then JSON frames both ways (docs/api.md). A bad frame gets an {@code error} frame
 * and the connection stays open; a frame over {@value #MAX_FRAME_BYTES} bytes closes it
 * (1009); so does a sender who keeps exceeding the rate limit (1008).
 */
@Dependent // a bean, so the container injects it; one instance per connection
@ServerEndpoint(value = "/ws", configurator = OriginCheck.class)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());
    static final int MAX_FRAME_BYTES = 32 * 1024;
    /** Rate-limit refusals in a row after which the connection is closed. */
    private static final int MAX_VIOLATIONS = 20;
    private static final long IDLE_TIMEOUT_MILLIS = 120_000;

    @Inject
    WsTickets tickets;

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
    ChatUsers users;

    @Inject
    ChatEventPublisher publisher;

    @Resource
    ManagedExecutorService executor;

    private Connection connection;

    @OnOpen
    public void open(Session session) {
        var tickets = session.getRequestParameterMap().get("ticket");
        Caller caller = tickets == null || tickets.size() != 1 ? null : this.tickets.redeem(tickets.get(0)).orElse(null);
        if (caller == null) {
            closeNow(session, new CloseReason(CloseCodes.VIOLATED_POLICY, "invalid or expired ticket"));
            return;
        }
        session.setMaxIdleTimeout(IDLE_TIMEOUT_MILLIS);
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        connection = new Connection(UUID.randomUUID().toString(), session, caller, executor);
        live.opened(connection);
        users.remember(caller.ref());
        if (presence.connected(caller.id(), connection.id())) {
            announcePresence(caller, presence.status(caller.id()));
        }
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void onFrame(String text) {
        if (connection == null) {
            return;
        }
        // the container may hand over a frame above maxMessageSize: the limit holds here either way
        if (text.length() > MAX_FRAME_BYTES || text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
            connection.close(new CloseReason(CloseCodes.TOO_BIG, "frame over " + MAX_FRAME_BYTES + " bytes"));
            return;
        }
        JsonObject frame;
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                error("malformed-frame", "A frame is a JSON object with a \"type\".", null);
                return;
            }
            frame = value.asJsonObject();
        } catch (JsonParsingException e) {
            error("malformed-frame", "The frame is not valid JSON.", null);
            return;
        }
        String type = string(frame, "type");
        String ref = null;
        try {
            switch (type == null ? "" : type) {
                case "join_room" -> joinRoom(frame);
                case "leave_room" -> leaveRoom(frame);
                case "send_message" -> {
                    ref = string(frame, "clientMsgId");
                    sendMessage(frame);
                }
                case "typing" -> typing(frame);
                case "mark_read" -> markRead(frame);
                case "set_status" -> setStatus(frame);
                case "ping" -> connection.send(Frames.pong());
                default -> error("unknown-type", type == null
                        ? "The frame has no \"type\"."
                        : "Unknown frame type \"" + type + "\".", null);
            }
        } catch (SendRateLimit.RateLimitedException e) {
            error("rate-limited", e.problem().detail(), ref);
            if (e.violations() > MAX_VIOLATIONS) {
                connection.close(new CloseReason(CloseCodes.VIOLATED_POLICY, "rate limit exceeded again and again"));
            }
        } catch (InvalidFrame e) {
            error("validation", e.getMessage(), ref);
        } catch (ProblemException e) {
            String detail = e.problem().errors() == null ? e.problem().detail()
                    : e.problem().errors().get(0).field() + " " + e.problem().errors().get(0).message();
            error(ChatProblems.code(e.problem()), detail, ref != null ? ref : string(frame, "roomId"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Incident " + incident + " handling a " + type + " frame", e);
            error("internal", "Something went wrong on our side (incident " + incident + ").", ref);
        }
    }

    private void joinRoom(JsonObject frame) throws InterruptedException {
        String roomId = required(frame, "roomId");
        Long lastSeq = optionalSeq(frame, "lastSeq");
        Room room = rooms.visible(roomId, connection.userId());
        if (rooms.membership(roomId, connection.userId()).isEmpty() && room.visibility() == Visibility.PUBLIC) {
            rooms.join(connection.caller(), roomId);
        }
        rooms.member(roomId, connection.userId());
        long last = live.follow(connection, roomId, lastSeq);
        connection.send(Frames.joined(roomId, last));
    }

    private void leaveRoom(JsonObject frame) {
        String roomId = required(frame, "roomId");
        live.unfollow(connection, roomId);
        connection.send(Frames.left(roomId));
    }

    private void sendMessage(JsonObject frame) {
        String roomId = required(frame, "roomId");
        String clientMsgId = required(frame, "clientMsgId");
        String text = required(frame, "text");
        MessageStore.Appended appended = messages.send(connection.caller(), roomId, clientMsgId, text);
        connection.send(Frames.ack(clientMsgId, appended.message()));
    }

    private void typing(JsonObject frame) {
        String roomId = required(frame, "roomId");
        JsonValue flag = frame.get("typing");
        if (flag != JsonValue.TRUE && flag != JsonValue.FALSE) {
            throw new InvalidFrame("typing must be true or false");
        }
        if (!connection.follows(roomId)) {
            throw ChatProblems.roomNotFound(); // join_room first; says nothing about the room
        }
        boolean on = flag == JsonValue.TRUE;
        boolean changed = on ? typing.started(roomId, connection.userId()) : typing.stopped(roomId, connection.userId());
        if (changed) {
            publisher.publish(ChatEvent.typing(roomId, connection.caller().ref(), on), () -> { });
        }
    }

    private void markRead(JsonObject frame) {
        String roomId = required(frame, "roomId");
        Long seq = optionalSeq(frame, "seq");
        if (seq == null) {
            throw new InvalidFrame("seq is required");
        }
        rooms.markRead(connection.userId(), roomId, seq);
    }

    private void setStatus(JsonObject frame) {
        String status = required(frame, "status");
        if (!Presence.CHOSEN_STATUSES.contains(status)) {
            throw new InvalidFrame("status must be online, away or busy");
        }
        presence.choose(connection.userId(), status);
        announcePresence(connection.caller(), status);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (connection == null) {
            return;
        }
        live.closed(connection);
        connection.close(reason);
        try {
            if (presence.disconnected(connection.userId(), connection.id())) {
                announcePresence(connection.caller(), Presence.OFFLINE);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Presence not updated for " + connection.id() + "; it expires by itself", e);
        }
    }

    @OnError
    public void onError(Session session, Throwable failure) {
        LOG.log(Level.FINE, "WebSocket error", failure);
    }

    private void announcePresence(Caller caller, String status) {
        publisher.publish(ChatEvent.presence(caller.ref(), status, rooms.roomIdsOf(caller.id())), () -> { });
    }

    private void error(String code, String message, String ref) {
        connection.send(Frames.error(code, message, ref));
    }

    private static void closeNow(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "Closing a refused socket", e);
        }
    }

    private static String string(JsonObject frame, String name) {
        JsonValue value = frame.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static String required(JsonObject frame, String name) {
        String value = string(frame, name);
        if (value == null || value.isBlank()) {
            throw new InvalidFrame(name + " is required (a non-empty string)");
        }
        return value;
    }

    private static Long optionalSeq(JsonObject frame, String name) {
        JsonValue value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new InvalidFrame(name + " must be a whole number, 0 or more");
    }

    /** A frame with a missing or wrong field. */
    static final class InvalidFrame extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidFrame(String message) {
            super(message);
        }
    }
}
