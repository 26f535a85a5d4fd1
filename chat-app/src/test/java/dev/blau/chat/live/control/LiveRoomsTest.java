package dev.blau.chat.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.blau.chat.callers.Caller;
import dev.blau.chat.callers.UserRef;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.entity.Message;

/** Live delivery keeps each room in seq order with no gaps and no repeats, whatever order events arrive in. */
class LiveRoomsTest {

    private static final String ROOM = "room-1";

    private final InMemoryStore store = new InMemoryStore();
    private final LiveRooms live = new LiveRooms();

    @BeforeEach
    void wire() {
        live.store = store;
    }

    @Test
    void replaysTheBacklogThenDeliversLiveMessagesInOrderFillingHolesAndDroppingRepeats() throws Exception {
        store.add(1, 2, 3);
        FakeSocket socket = new FakeSocket();
        Connection connection = socket.connection("ana");
        live.admit(connection, 10);

        assertEquals(3, live.follow(connection, ROOM, 1L, null).lastSeq());
        assertEquals(List.of(2L, 3L), socket.seqs(), "the backlog after lastSeq, in order");

        store.add(4, 5, 6);
        live.onEvent(ChatEvent.messageSent(store.get(5))); // server B's 5 overtakes server A's 4
        live.onEvent(ChatEvent.messageSent(store.get(4)));
        live.onEvent(ChatEvent.messageSent(store.get(5))); // the outbox relays 5 again
        live.onEvent(ChatEvent.messageSent(store.get(6)));

        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), socket.seqs());
    }

    @Test
    void aClientWithoutLastSeqGetsOnlyNewMessages() throws Exception {
        store.add(1, 2);
        FakeSocket socket = new FakeSocket();
        Connection connection = socket.connection("bob");
        live.admit(connection, 10);
        assertEquals(2, live.follow(connection, ROOM, null, null).lastSeq());
        store.add(3);
        live.onEvent(ChatEvent.messageSent(store.get(3)));
        assertEquals(List.of(3L), socket.seqs());
    }

    @Test
    void typingGoesToTheOthersInTheRoomAndLeavingStopsDelivery() throws Exception {
        FakeSocket anaSocket = new FakeSocket();
        FakeSocket bobSocket = new FakeSocket();
        Connection ana = anaSocket.connection("ana");
        Connection bob = bobSocket.connection("bob");
        live.admit(ana, 10);
        live.admit(bob, 10);
        live.follow(ana, ROOM, null, null);
        live.follow(bob, ROOM, null, null);

        live.onEvent(ChatEvent.typing(ROOM, ana.caller().ref(), true));
        assertEquals(List.of("typing"), bobSocket.types());
        assertTrue(anaSocket.types().isEmpty(), "nobody is told of their own typing");

        live.onEvent(ChatEvent.userLeft(ROOM, bob.caller().ref()));
        store.add(1);
        live.onEvent(ChatEvent.messageSent(store.get(1)));
        assertEquals(List.of("typing", "user_left"), bobSocket.types(), "nothing after leaving");
        assertEquals(List.of(1L), anaSocket.seqs());
    }

    @Test
    void aClientThatStopsReadingLosesTypingFirstThenItsConnection() throws Exception {
        FakeSocket stuck = new FakeSocket();
        stuck.completeSends = false; // nothing it is sent ever completes
        Connection connection = stuck.connection("carl");
        live.admit(connection, 10);
        live.follow(connection, ROOM, null, null);
        for (int i = 1; stuck.closedWith == 0 && i < 100_000; i++) {
            store.add(i);
            live.onEvent(ChatEvent.typing(ROOM, new UserRef("dan", "dan", "Dan"), i % 2 == 0));
            live.onEvent(ChatEvent.messageSent(store.get(i)));
        }
        assertTrue(stuck.closedWith == 1008, "disconnected when its queue is full");
        assertTrue(connection.backlogBytes() == 0 && !connection.isOpen());
    }

    @Test
    void liveTrafficDuringALongReplayIsHeldBoundedAndWhatWasDroppedComesFromTheStore() throws Exception {
        store.add(1, 2, 3);
        FakeSocket socket = new FakeSocket();
        Connection connection = socket.connection("ivy");
        live.admit(connection, 10);
        int arriving = Subscription.PENDING_LIMIT * 3 / 2;
        List<Integer> heldDuringReplay = new ArrayList<>();
        store.duringFirstReplayPage = () -> { // a busy room: more arrives live than may wait
            for (int seq = 4; seq < 4 + arriving; seq++) {
                store.add(seq);
                live.onEvent(ChatEvent.messageSent(store.get(seq)));
                store.change(seq, "edited " + seq);
                live.onEvent(ChatEvent.messageUpdated(store.get(seq)));
                Subscription subscription = connection.subscription(ROOM);
                heldDuringReplay.add(Math.max(subscription.pending.size(), subscription.pendingUpdates.size()));
            }
        };

        LiveRooms.Followed followed = live.follow(connection, ROOM, 0L, null);

        assertTrue(heldDuringReplay.stream().allMatch(held -> held <= Subscription.PENDING_LIMIT),
                "at most the limit of messages, and of changes, waits: " + heldDuringReplay.stream().max(Integer::compare).orElse(0));
        long last = 3 + arriving;
        assertEquals(last, followed.lastSeq());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList(), socket.seqs(),
                "every message once, in order, the dropped ones from the store");
        Map<Long, String> lastTextBySeq = new java.util.HashMap<>(); // received and updated frames, in the order sent
        socket.frames().forEach(f -> lastTextBySeq.put(f.getJsonObject("message").getJsonNumber("seq").longValue(),
                f.getJsonObject("message").getString("text")));
        for (long seq = 4; seq <= last; seq++) {
            assertEquals("edited " + seq, lastTextBySeq.get(seq), "the last word on " + seq + " is its change");
        }
        assertTrue(connection.subscription(ROOM).pending.isEmpty() && connection.isOpen());
    }

    @Test
    void aChangeOfAMessageNotSentYetWaitsForTheMessage() throws Exception {
        store.add(1);
        FakeSocket socket = new FakeSocket();
        Connection connection = socket.connection("gil");
        live.admit(connection, 10);
        live.follow(connection, ROOM, null, null);
        store.add(2);
        Message edited = store.change(2, "m2 edited");
        live.onEvent(ChatEvent.messageUpdated(edited)); // the edit overtakes the message on the event stream
        assertEquals(List.of(), socket.types(), "a change of a message the client does not have yet waits");
        live.onEvent(ChatEvent.messageSent(store.original(2)));
        assertEquals(List.of("message_received", "message_updated"), socket.types());
        assertEquals("m2 edited", socket.frames().get(1).getJsonObject("message").getString("text"));
    }

    @Test
    void aRejoinWithSinceVersionGetsTheMissedMessagesThenTheCurrentStateOfWhatChanged() throws Exception {
        store.add(1, 2, 3);
        store.change(1, "one, edited");
        store.change(2, "two, edited");
        store.change(1, "one, edited again");
        FakeSocket socket = new FakeSocket();
        Connection connection = socket.connection("hal");
        live.admit(connection, 10);
        store.add(4);

        LiveRooms.Followed followed = live.follow(connection, ROOM, 3L, 1L); // had 1..3 and the first edit
        assertEquals(new LiveRooms.Followed(4, 3), followed);
        assertEquals(List.of("message_received", "message_updated", "message_updated"), socket.types());
        assertEquals(List.of("two, edited", "one, edited again"), socket.frames().stream().skip(1)
                .map(f -> f.getJsonObject("message").getString("text")).toList(), "each changed message once, as it is now");
    }

    @Test
    void aMessageIsSerializedOnceForEveryFollower() throws Exception {
        FakeSocket first = new FakeSocket();
        FakeSocket second = new FakeSocket();
        Connection one = first.connection("eve");
        Connection two = second.connection("fay");
        live.admit(one, 10);
        live.admit(two, 10);
        live.follow(one, ROOM, null, null);
        live.follow(two, ROOM, null, null);
        store.add(1);
        live.onEvent(ChatEvent.messageSent(store.get(1)));
        assertEquals(List.of(1L), first.seqs());
        assertEquals(List.of(1L), second.seqs());
        assertSame(first.sent.get(0), second.sent.get(0), "one frame text, handed to both sockets");
    }

    @Test
    void theEndOfAKeycloakSessionClosesOnlyThatSessionsSockets() {
        FakeSocket ending = new FakeSocket();
        FakeSocket other = new FakeSocket();
        Connection endingConnection = ending.connection("gus");
        Connection otherConnection = new Connection("gus-conn-2", other.session(),
                new Caller("gus", "gus", "gus", false, false, "another-session", false), Runnable::run);
        live.admit(endingConnection, 10);
        live.admit(otherConnection, 10);
        live.onEvent(ChatEvent.sessionEnded(new UserRef("gus", "gus", "gus"), "sid-gus"));
        assertEquals(1008, ending.closedWith);
        assertEquals(0, other.closedWith, "the user's other session goes on");
        live.onEvent(ChatEvent.userDisabled(new UserRef("gus", "gus", "gus")));
        assertEquals(1008, other.closedWith, "a disabled user loses every socket");
    }

    // --- fakes ----------------------------------------------------------------------------------------------

    /** A WebSocket session that records the text it is asked to send. */
    static final class FakeSocket {
        final List<String> sent = new CopyOnWriteArrayList<>();
        boolean completeSends = true;
        volatile int closedWith;

        Connection connection(String user) {
            return new Connection(user + "-conn", session(), new Caller(user, user, user, false, false, "sid-" + user, false), Runnable::run);
        }

        Session session() {
            RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            sent.add((String) args[0]);
                            if (completeSends) {
                                ((SendHandler) args[1]).onResult(new SendResult());
                            }
                        }
                        return null;
                    });
            Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAsyncRemote" -> async;
                        case "isOpen" -> closedWith == 0;
                        case "close" -> {
                            closedWith = ((jakarta.websocket.CloseReason) args[0]).getCloseCode().getCode();
                            yield null;
                        }
                        default -> null;
                    });
            return session;
        }

        List<JsonObject> frames() {
            return sent.stream().map(t -> Json.createReader(new StringReader(t)).readObject()).toList();
        }

        List<String> types() {
            return frames().stream().map(f -> f.getString("type")).toList();
        }

        List<Long> seqs() {
            return frames().stream().filter(f -> f.getString("type").equals("message_received"))
                    .map(f -> f.getJsonObject("message").getJsonNumber("seq").longValue()).toList();
        }
    }

    /** The store as LiveRooms uses it: messages of one room by seq. */
    static final class InMemoryStore implements MessageStore {
        final Map<Long, Message> messages = new ConcurrentHashMap<>();
        final Map<Long, Message> originals = new ConcurrentHashMap<>();
        /** version → seq */
        final Map<Long, Long> changes = new ConcurrentHashMap<>();

        void add(long... seqs) {
            for (long seq : seqs) {
                Message message = Message.sent(ROOM + ":" + seq, ROOM, seq, "u", "U", "m" + seq, "c" + seq,
                        Instant.now(), null, List.of(), false, null);
                messages.put(seq, message);
                originals.put(seq, message);
            }
        }

        Message change(long seq, String text) {
            long version = changes.size() + 1;
            changes.put(version, seq);
            Message changed = messages.get(seq).edited(text, List.of(), false, Instant.now()).withVersion(version);
            messages.put(seq, changed);
            return changed;
        }

        Message original(long seq) {
            return originals.get(seq);
        }

        @Override
        public ChangePage changesSince(String roomId, long sinceVersion, int limit) {
            long latest = changes.size();
            long to = Math.min(latest, sinceVersion + limit);
            Map<Long, Long> versionBySeq = new java.util.HashMap<>();
            for (long v = sinceVersion + 1; v <= to; v++) {
                versionBySeq.merge(changes.get(v), v, Math::max);
            }
            List<Message> changed = versionBySeq.keySet().stream().sorted(Comparator.comparingLong(versionBySeq::get))
                    .map(messages::get).toList();
            return new ChangePage(changed, Math.max(to, sinceVersion), to < latest);
        }

        @Override
        public long latestKnownVersion(String roomId) {
            return changes.size();
        }

        @Override
        public long latestVersion(String roomId) {
            return changes.size();
        }

        @Override
        public void observedVersion(String roomId, long version, java.time.Instant at) {
        }

        @Override
        public Optional<Message> find(String roomId, long seq) {
            return Optional.ofNullable(messages.get(seq));
        }

        @Override
        public Optional<Message> findSent(String roomId, String senderId, String clientMsgId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Changed> change(String roomId, long seq, java.util.function.UnaryOperator<Message> change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Message> replies(String roomId, long rootSeq, long afterSeq, int limit) {
            return List.of();
        }

        @Override
        public List<Long> pinnedSeqs(String roomId) {
            return List.of();
        }

        @Override
        public void listPin(String roomId, long seq, boolean on) {
        }

        @Override
        public List<Message> bySeqs(String roomId, List<Long> seqs) {
            return seqs.stream().map(messages::get).filter(java.util.Objects::nonNull).toList();
        }

        @Override
        public List<Message> bySeqs(Map<String, List<Long>> seqsByRoom) {
            return seqsByRoom.values().stream().flatMap(seqs -> bySeqs(null, seqs).stream()).toList();
        }

        Message get(long seq) {
            return messages.get(seq);
        }

        /** Runs once, inside the first replay page: traffic that arrives while a replay is under way. */
        Runnable duringFirstReplayPage;

        @Override
        public List<Message> after(String roomId, long after, int limit) {
            Runnable during = duringFirstReplayPage;
            duringFirstReplayPage = null;
            if (during != null) {
                during.run();
            }
            return messages.values().stream().filter(m -> m.seq() > after).sorted(Comparator.comparingLong(Message::seq))
                    .limit(limit).toList();
        }

        @Override
        public long latestSeq(String roomId) {
            return messages.values().stream().mapToLong(Message::seq).max().orElse(0);
        }

        @Override
        public long latestKnownSeq(String roomId) {
            return latestSeq(roomId);
        }

        @Override
        public Map<String, Message> latest(Collection<String> roomIds) {
            return messages.values().stream().max(Comparator.comparingLong(Message::seq))
                    .map(m -> Map.of(ROOM, m)).orElse(Map.of());
        }

        @Override
        public void observed(String roomId, long seq, java.time.Instant at) {
        }

        @Override
        public Appended append(String roomId, UserRef sender, String clientMsgId, Draft draft) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Message> before(String roomId, long before, int limit) {
            return new ArrayList<>();
        }


        @Override
        public void deleteRoom(String roomId) {
        }
    }
}
