package dev.blau.chat.live.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.events.entity.ChatEventReceived;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.entity.Message;

/**
 * The connections of this server and the rooms they follow; turns chat events from Kafka
 * into frames. Each room's messages go out in seq order with no gaps: Kafka keeps one
 * room's events in order, but two servers may publish seq 6 before seq 5, so a message
 * that skips ahead first fetches the ones in between from the store (where they already
 * are: a seq is only taken after the one before it is stored), and late or repeated ones
 * are dropped by their seq. Each frame is serialized once, however many sockets it goes to.
 * <p>
 * Changes ({@code message_updated}) carry the message's whole state and its version, so a
 * client keeps the highest version of each message and repeats do no harm. A change never
 * reaches a connection before the message it changes: until then it waits with the
 * subscription. A rejoin with {@code sinceVersion} replays, after the missed messages, the
 * current state of every message changed since.
 */
@ApplicationScoped
public class LiveRooms {

    private static final Logger LOG = Logger.getLogger(LiveRooms.class.getName());
    private static final int REPLAY_PAGE = 100;
    private static final long UNKNOWN = -1;

    @Inject
    MessageStore store;

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Map<String, RoomFeed> feeds = new ConcurrentHashMap<>();

    /** The connections following one room here, and the last seq this server delivered in it. */
    private static final class RoomFeed {
        final Set<Connection> followers = ConcurrentHashMap.newKeySet();
        long lastSeq = UNKNOWN;
    }

    /**
     * Registers a new connection unless its user already has {@code maxPerUser} open on this
     * server: sockets cost memory here, so one account cannot open them without end.
     */
    public boolean admit(Connection connection, int maxPerUser) {
        boolean[] admitted = {false};
        byUser.compute(connection.userId(), (u, open) -> {
            Set<Connection> set = open != null ? open : ConcurrentHashMap.newKeySet();
            if (set.size() < maxPerUser) {
                admitted[0] = set.add(connection);
            }
            return set.isEmpty() ? null : set;
        });
        if (admitted[0]) {
            connections.put(connection.id(), connection);
        }
        return admitted[0];
    }

    public void closed(Connection connection) {
        connections.remove(connection.id());
        for (String roomId : List.copyOf(connection.rooms())) {
            unfollow(connection, roomId);
        }
        byUser.computeIfPresent(connection.userId(), (u, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    public List<Connection> all() {
        return List.copyOf(connections.values());
    }

    /** What a server's heap and fan-out are sized by (docs/deployment-guide.md): its open sockets. */
    @Gauge(name = "chat_sockets_open", unit = MetricUnits.NONE, absolute = true,
            description = "WebSocket connections open on this chat server")
    public long openSockets() {
        return connections.size();
    }

    @Gauge(name = "chat_users_connected", unit = MetricUnits.NONE, absolute = true,
            description = "Users with at least one WebSocket connection open on this chat server")
    public long connectedUsers() {
        return byUser.size();
    }

    public boolean hasConnections(String userId) {
        return byUser.containsKey(userId);
    }

    /** Where a join left the connection: the last seq sent, and the version its messages are at. */
    public record Followed(long lastSeq, long version) {
    }

    /**
     * Follows a room: replays every message after {@code lastSeq} from the store, in order,
     * then, with {@code sinceVersion}, every message changed since, and goes live. Without
     * {@code lastSeq} only new messages follow.
     */
    public Followed follow(Connection connection, String roomId, Long lastSeq, Long sinceVersion)
            throws InterruptedException {
        // read before anything is replayed: what changes after it reaches this connection live
        long version = sinceVersion == null ? store.latestKnownVersion(roomId) : sinceVersion;
        long latest = store.latestSeq(roomId);
        long start = lastSeq != null ? Math.min(lastSeq, latest) : latest;
        Subscription subscription = connection.subscribe(roomId, start);
        // from here live messages wait in pending while the backlog is replayed
        feeds.compute(roomId, (r, feed) -> {
            if (feed == null) {
                feed = new RoomFeed();
                feed.lastSeq = latest;
            }
            feed.followers.add(connection);
            return feed;
        });
        long cursor = start;
        boolean messagesToo = start < latest;
        boolean changesToo = sinceVersion != null;
        while (true) {
            if (messagesToo) {
                cursor = replayMessages(connection, roomId, cursor);
            }
            if (changesToo) {
                version = replayChanges(connection, roomId, version, cursor);
            }
            synchronized (subscription) {
                if (!subscription.overflowed || !connection.isOpen()) {
                    subscription.lastSent = cursor;
                    subscription.replaying = false;
                    subscription.pending.sort(Comparator.comparingLong(Message::seq));
                    for (Message message : subscription.pending) {
                        deliver(connection, subscription, message, null);
                    }
                    subscription.pending.clear();
                    sendUpdatesDue(connection, subscription);
                    return new Followed(subscription.lastSent, version);
                }
                // live traffic outran the replay and was dropped: it is in the store, go round again
                subscription.overflowed = false;
                messagesToo = true;
                changesToo = true;
            }
        }
    }

    /** Sends every stored message after {@code cursor}, page by page; returns the last seq sent. */
    private long replayMessages(Connection connection, String roomId, long cursor) throws InterruptedException {
        while (connection.isOpen()) {
            List<Message> page = store.after(roomId, cursor, REPLAY_PAGE);
            for (Message message : page) {
                connection.send(Frames.messageReceived(message));
                cursor = message.seq();
            }
            // a long backlog goes out as fast as the client reads it, never overfilling its queue
            if (page.size() < REPLAY_PAGE || !connection.awaitBacklogAtMost(Connection.EPHEMERAL_LIMIT_BYTES, 60_000)) {
                break;
            }
        }
        return cursor;
    }

    /** Sends the current state of every message up to {@code cursor} changed since {@code version}; returns the version reached. */
    private long replayChanges(Connection connection, String roomId, long version, long cursor) throws InterruptedException {
        while (connection.isOpen()) {
            MessageStore.ChangePage changes = store.changesSince(roomId, version, REPLAY_PAGE);
            for (Message changed : changes.messages()) {
                if (changed.seq() <= cursor) { // later messages come with their current state anyway
                    connection.send(Frames.messageUpdated(changed));
                }
            }
            version = changes.version();
            if (!changes.hasMore() || !connection.awaitBacklogAtMost(Connection.EPHEMERAL_LIMIT_BYTES, 60_000)) {
                break;
            }
        }
        return version;
    }

    public void unfollow(Connection connection, String roomId) {
        connection.unsubscribe(roomId);
        feeds.computeIfPresent(roomId, (r, feed) -> {
            feed.followers.remove(connection);
            return feed.followers.isEmpty() ? null : feed;
        });
    }

    void onReceived(@Observes ChatEventReceived received) {
        onEvent(received.event());
    }

    /** Turns one chat event, from any server, into frames for the connections here that should see it. */
    public void onEvent(ChatEvent event) {
        switch (event.type()) {
            case ChatEvent.MESSAGE_SENT -> onMessage(event.message(), event.time());
            case ChatEvent.MESSAGE_UPDATED -> onUpdate(event.message(), event.time());
            case ChatEvent.TYPING -> {
                OutgoingFrame frame = OutgoingFrame.of(Frames.typing(event.roomId(), event.user(), event.typing()));
                followers(event.roomId()).stream()
                        .filter(c -> !c.userId().equals(event.user().id()))
                        .forEach(c -> c.sendEphemeral(frame));
            }
            case ChatEvent.SESSION_ENDED -> closeSessions(event.user() == null ? null : event.user().id(),
                    event.sessionId(), "session ended");
            case ChatEvent.USER_DISABLED -> closeSessions(event.user().id(), null, "user disabled");
            case ChatEvent.PRESENCE -> onPresence(event);
            case ChatEvent.USER_JOINED_ROOM -> {
                OutgoingFrame frame = OutgoingFrame.of(Frames.userJoined(event.roomId(), event.user()));
                Set<Connection> told = new HashSet<>(followers(event.roomId()));
                told.addAll(byUser.getOrDefault(event.user().id(), Set.of())); // the newcomer's other tabs
                told.forEach(c -> c.send(frame));
            }
            case ChatEvent.USER_LEFT_ROOM -> {
                OutgoingFrame frame = OutgoingFrame.of(Frames.userLeft(event.roomId(), event.user()));
                Set<Connection> told = new HashSet<>(followers(event.roomId()));
                told.addAll(byUser.getOrDefault(event.user().id(), Set.of()));
                told.forEach(c -> c.send(frame));
                // who left sees nothing more of the room
                byUser.getOrDefault(event.user().id(), Set.of()).forEach(c -> unfollow(c, event.roomId()));
            }
            case ChatEvent.USER_BANNED -> {
                // the user_left that follows unfollows the room; this says why
                OutgoingFrame frame = OutgoingFrame.of(Frames.banned(event.roomId(), event.reason(), event.until()));
                byUser.getOrDefault(event.user().id(), Set.of()).forEach(c -> c.send(frame));
            }
            case ChatEvent.USER_MUTED -> {
                OutgoingFrame frame = OutgoingFrame.of(event.until() == null ? Frames.unmuted(event.roomId())
                        : Frames.muted(event.roomId(), event.until()));
                byUser.getOrDefault(event.user().id(), Set.of()).forEach(c -> {
                    c.mute(event.roomId(), event.until());
                    c.send(frame);
                });
            }
            case ChatEvent.ROOM_CREATED -> {
                OutgoingFrame frame = OutgoingFrame.of(Frames.roomCreated(event.room()));
                members(event.memberIds()).forEach(c -> c.send(frame));
            }
            case ChatEvent.ROOM_UPDATED -> {
                Set<Connection> told = new HashSet<>(followers(event.roomId()));
                OutgoingFrame frame = OutgoingFrame.of(Frames.roomUpdated(event.room()));
                told.forEach(c -> c.send(frame));
            }
            case ChatEvent.ROOM_DELETED -> {
                Set<Connection> told = new HashSet<>(followers(event.roomId()));
                told.addAll(members(event.memberIds()));
                OutgoingFrame frame = OutgoingFrame.of(Frames.roomDeleted(event.roomId()));
                told.forEach(c -> {
                    c.send(frame);
                    unfollow(c, event.roomId());
                });
            }
            default -> LOG.fine(() -> "Ignoring chat event " + event.type());
        }
    }

    /** Closes the user's sockets here: those of one Keycloak session, or all of them. */
    private void closeSessions(String userId, String sessionId, String reason) {
        Collection<Connection> candidates = userId == null ? connections.values() : byUser.getOrDefault(userId, Set.of());
        for (Connection connection : candidates) {
            if (sessionId == null || sessionId.equals(connection.caller().sessionId())) {
                connection.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
            }
        }
    }

    private void onMessage(Message message, java.time.Instant at) {
        store.observed(message.roomId(), message.seq(), at); // the next send here starts after it
        RoomFeed feed = feeds.get(message.roomId());
        if (feed == null) {
            return; // nobody here follows the room
        }
        List<Message> batch;
        synchronized (feed) {
            if (feed.lastSeq != UNKNOWN && message.seq() <= feed.lastSeq) {
                return; // delivered already (a relay repeat, or fetched to fill a hole)
            }
            if (feed.lastSeq == UNKNOWN || message.seq() == feed.lastSeq + 1) {
                batch = List.of(message);
            } else {
                batch = fill(message.roomId(), feed.lastSeq, message);
            }
            feed.lastSeq = message.seq();
            List<OutgoingFrame> frames = batch.stream().map(m -> OutgoingFrame.of(Frames.messageReceived(m))).toList();
            for (Connection connection : feed.followers) {
                Subscription subscription = connection.subscription(message.roomId());
                if (subscription == null) {
                    continue;
                }
                synchronized (subscription) {
                    for (int i = 0; i < batch.size(); i++) {
                        if (subscription.replaying) {
                            subscription.hold(batch.get(i));
                        } else {
                            deliver(connection, subscription, batch.get(i), frames.get(i));
                        }
                    }
                }
            }
        }
    }

    private void onUpdate(Message message, java.time.Instant at) {
        store.observedVersion(message.roomId(), message.version(), at);
        RoomFeed feed = feeds.get(message.roomId());
        if (feed == null) {
            return;
        }
        OutgoingFrame frame = OutgoingFrame.of(Frames.messageUpdated(message));
        for (Connection connection : feed.followers) {
            Subscription subscription = connection.subscription(message.roomId());
            if (subscription == null) {
                continue;
            }
            synchronized (subscription) {
                if (subscription.replaying || message.seq() > subscription.lastSent) {
                    // after the message itself; a live subscription holding this many waits for a hole
                    // that never fills: the client resumes from where it is, with every change since
                    if (!subscription.holdUpdate(message) && !subscription.replaying) {
                        connection.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "fell behind: resume"));
                    }
                } else {
                    connection.send(frame);
                }
            }
        }
    }

    // called with the subscription's lock held: the waiting changes of messages now sent
    private static void sendUpdatesDue(Connection connection, Subscription subscription) {
        if (subscription.pendingUpdates.isEmpty()) {
            return;
        }
        subscription.pendingUpdates.removeIf(update -> {
            if (update.seq() > subscription.lastSent) {
                return false;
            }
            connection.send(Frames.messageUpdated(update));
            return true;
        });
    }

    /** The messages after {@code after} up to and including {@code last}, from the store. */
    private List<Message> fill(String roomId, long after, Message last) {
        List<Message> batch = new ArrayList<>(store.after(roomId, after, (int) Math.min(last.seq() - after, 1000)));
        batch.removeIf(m -> m.seq() >= last.seq());
        batch.add(last);
        return batch;
    }

    // called with the subscription's lock held; frame: the message's frame when already serialized
    private void deliver(Connection connection, Subscription subscription, Message message, OutgoingFrame frame) {
        if (message.seq() <= subscription.lastSent) {
            return;
        }
        if (message.seq() > subscription.lastSent + 1) {
            for (Message missing : fill(message.roomId(), subscription.lastSent, message)) {
                connection.send(Frames.messageReceived(missing));
            }
        } else {
            connection.send(frame != null ? frame : OutgoingFrame.of(Frames.messageReceived(message)));
        }
        subscription.lastSent = message.seq();
        sendUpdatesDue(connection, subscription);
    }

    private void onPresence(ChatEvent event) {
        Set<Connection> told = new HashSet<>();
        for (String roomId : event.roomIds() == null ? List.<String>of() : event.roomIds()) {
            told.addAll(followers(roomId));
        }
        told.addAll(byUser.getOrDefault(event.user().id(), Set.of()));
        OutgoingFrame frame = OutgoingFrame.of(Frames.presence(event.user(), event.status()));
        told.forEach(c -> c.sendEphemeral(frame));
    }

    private Set<Connection> followers(String roomId) {
        RoomFeed feed = feeds.get(roomId);
        return feed == null ? Set.of() : feed.followers;
    }

    private Set<Connection> members(List<String> userIds) {
        Set<Connection> found = new HashSet<>();
        for (String userId : userIds == null ? List.<String>of() : userIds) {
            found.addAll(byUser.getOrDefault(userId, Set.of()));
        }
        return found;
    }
}
