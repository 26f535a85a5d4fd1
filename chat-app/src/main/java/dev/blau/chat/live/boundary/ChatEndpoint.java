package dev.blau.chat.live.boundary;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.live.control.Connection;
import dev.blau.chat.live.control.Departures;
import dev.blau.chat.live.control.FrameBudget;
import dev.blau.chat.live.control.Frames;
import dev.blau.chat.live.control.LiveRooms;
import dev.blau.chat.live.control.SocketAuthorizations;
import dev.blau.chat.live.control.SocketCommands;
import dev.blau.chat.live.entity.Command;
import dev.blau.chat.messages.control.SendRateLimit;
import dev.blau.chat.presence.control.Presence;
import dev.blau.chat.tickets.control.WsTickets;
import dev.blau.chat.users.control.ChatUsers;
import dev.blau.common.problem.ProblemException;
import dev.blau.common.problem.ServiceOutage;

/**
 * The live chat socket, {@code /api/v1/chat/ws?ticket=...}: admitted by a single-use ticket and
 * authorized until the expiry of the token that bought it (renewed with {@code auth} frames;
 * closed 4001 when it runs out), then JSON frames both ways (docs/api.md). The boundary
 * decodes each frame into a {@link Command} and {@link SocketCommands} runs it. A bad frame
 * gets an {@code error} frame and the connection stays open; a frame over
 * {@value #MAX_FRAME_BYTES} bytes closes it (1009); so does a sender who keeps exceeding the
 * rate limit (1008). Every frame takes a token of the socket's {@link FrameBudget}: over it,
 * a {@code rate-limited} error frame, and a close (1008) for a client that keeps going. A user
 * holds at most {@code chat.sockets.per-user} sockets on one server; one more is closed 1008. A
 * frame the client does not take within {@code chat.sockets.send-timeout-seconds} closes its socket.
 */
@Dependent // a bean, so the container injects it; one instance per connection
@ServerEndpoint(value = "/ws", configurator = OriginCheck.class)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());
    static final int MAX_FRAME_BYTES = 32 * 1024;
    /** Rate-limit refusals in a row after which the connection is closed. */
    private static final int MAX_VIOLATIONS = 20;

    @Inject
    WsTickets tickets;

    @Inject
    LiveRooms live;

    @Inject
    SocketCommands commands;

    @Inject
    SocketAuthorizations authorizations;

    @Inject
    Departures departures;

    @Inject
    Presence presence;

    @Inject
    ChatUsers users;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "chat.frames.per-second", defaultValue = "20")
    int framesPerSecond;

    @Inject
    @ConfigProperty(name = "chat.frames.burst", defaultValue = "200")
    int framesBurst;

    @Inject
    @ConfigProperty(name = "chat.sockets.per-user", defaultValue = "10")
    int socketsPerUser;

    @Inject
    @ConfigProperty(name = "chat.sockets.send-timeout-seconds", defaultValue = "30")
    int sendTimeoutSeconds;

    private Connection connection;

    @OnOpen
    public void open(Session session) {
        var given = session.getRequestParameterMap().get("ticket");
        WsTickets.Admission admission = given == null || given.size() != 1 ? null
                : tickets.redeem(given.get(0)).orElse(null);
        if (admission == null) {
            closeNow(session, new CloseReason(CloseCodes.VIOLATED_POLICY, "invalid or expired ticket"));
            return;
        }
        Caller caller = admission.caller();
        // no idle timeout: a socket nobody renews closes at its token's expiry anyway (4001), and
        // Liberty restarts an idle timer on every frame in and out, cancelling the old one with an exception
        session.setMaxIdleTimeout(0);
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        Connection opened = new Connection(UUID.randomUUID().toString(), session, caller, executor, wantsBatches(session),
                new FrameBudget(framesPerSecond, framesBurst), Duration.ofSeconds(sendTimeoutSeconds));
        if (!live.admit(opened, socketsPerUser)) {
            closeNow(session, new CloseReason(CloseCodes.VIOLATED_POLICY,
                    "too many sockets: at most " + socketsPerUser + " per user"));
            return;
        }
        connection = opened;
        if (caller.bot()) {
            authorizations.authorizeUntilRevoked(connection);
        } else {
            authorizations.authorize(connection, admission.authorizedUntil() == null ? Instant.now() : admission.authorizedUntil());
        }
        users.remember(caller.ref());
        try {
            if (presence.connected(caller.id(), connection.id())) {
                commandsAnnounce(caller, presence.status(caller.id()));
            }
        } catch (RuntimeException e) {
            // presence is not worth a refused socket: the next heartbeat (10 s) puts the user online
            LOG.log(Level.WARNING, "Presence of " + caller.id() + " not recorded at connect", e);
        }
    }

    /** {@code batch=1}: the client reads {@code batch} frames (docs/api.md). */
    private static boolean wantsBatches(Session session) {
        var batch = session.getRequestParameterMap().get("batch");
        return batch != null && batch.size() == 1 && ("1".equals(batch.get(0)) || "true".equals(batch.get(0)));
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void onFrame(String text) {
        if (connection == null) {
            return;
        }
        // the container may hand over a frame above maxMessageSize: the limit holds here either way
        if (text.length() > MAX_FRAME_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
            connection.close(new CloseReason(CloseCodes.TOO_BIG, "frame over " + MAX_FRAME_BYTES + " bytes"));
            return;
        }
        long wait = connection.budget().take();
        Command command;
        try {
            command = FrameDecoder.decode(text);
        } catch (FrameDecoder.InvalidFrame e) {
            if (wait == 0) {
                error(e.code, e.getMessage(), e.ref);
            } else {
                refuse(wait, e.ref);
            }
            return;
        }
        String ref = command.ref();
        if (wait > 0) { // every frame type costs the same budget: joins replay, reads write, typing and status publish
            refuse(wait, ref != null ? ref : roomOf(command));
            return;
        }
        try {
            commands.run(connection, command);
        } catch (SendRateLimit.RateLimitedException e) {
            error("rate-limited", e.problem().detail(), ref);
            if (e.violations() > MAX_VIOLATIONS) {
                connection.close(new CloseReason(CloseCodes.VIOLATED_POLICY, "rate limit exceeded again and again"));
            }
        } catch (ProblemException e) {
            String detail = e.problem().errors() == null ? e.problem().detail()
                    : e.problem().errors().get(0).field() + " " + e.problem().errors().get(0).message();
            error(ChatProblems.code(e.problem()), detail, ref != null ? ref : roomOf(command));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            var outage = ServiceOutage.of(e);
            if (outage.isPresent()) { // nothing was done: the client may send the same frame again
                LOG.warning(() -> "Refused " + command.getClass().getSimpleName() + ": " + outage.get() + " unreachable (" + e + ")");
                error("unavailable", ServiceOutage.problem(outage.get()).detail(), ref != null ? ref : roomOf(command));
                return;
            }
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Incident " + incident + " handling " + command, e);
            error("internal", "Something went wrong on our side (incident " + incident + ").", ref);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (connection == null) {
            return;
        }
        live.closed(connection);
        connection.close(reason);
        departures.left(connection); // presence leaves in batches, off this thread
    }

    @OnError
    public void onError(Session session, Throwable failure) {
        LOG.log(Level.FINE, "WebSocket error", failure);
    }

    private void refuse(long waitSeconds, String ref) {
        error("rate-limited", "Too many frames on this socket: wait " + waitSeconds + " s.", ref);
        if (connection.budget().recentRefusals() > MAX_VIOLATIONS) {
            connection.close(new CloseReason(CloseCodes.VIOLATED_POLICY, "frame budget exceeded again and again"));
        }
    }

    private void commandsAnnounce(Caller caller, String status) {
        try {
            commands.announcePresence(caller, status);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Presence of " + caller.id() + " not announced", e);
        }
    }

    private void error(String code, String message, String ref) {
        connection.send(Frames.error(code, message, ref));
    }

    private static String roomOf(Command command) {
        if (command instanceof Command.JoinRoom c) {
            return c.roomId();
        } else if (command instanceof Command.LeaveRoom c) {
            return c.roomId();
        } else if (command instanceof Command.Typing c) {
            return c.roomId();
        } else if (command instanceof Command.MarkRead c) {
            return c.roomId();
        }
        return null;
    }

    private static void closeNow(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "Closing a refused socket", e);
        }
    }
}
