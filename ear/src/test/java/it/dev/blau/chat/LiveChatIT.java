package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.Health;

/** Two real WebSocket clients on one server: messages, typing, join/leave, presence, resume. */
class LiveChatIT {

    private final Chat chat = new Chat(Api.underTest());

    @Test
    void membersSeeEachOthersMessagesTypingAndPresence() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        String room = chat.createRoom(ana, "public");
        try (ChatSocket a = chat.connect(ana); ChatSocket b = chat.connect(bob)) {
            a.join(room, null);
            int mark = a.size();
            b.join(room, null); // joining a public room over the socket makes bob a member
            JsonObject joined = a.await(type("user_joined"), mark);
            assertEquals(bob.id(), joined.getJsonObject("user").getString("id"));
            assertEquals(room, joined.getString("roomId"));

            JsonObject listed = chat.call("GET", ana, "/rooms", null).jsonArray().stream()
                    .map(JsonObject.class::cast).filter(r -> r.getString("id").equals(room)).findFirst().orElseThrow();
            assertEquals(2, listed.getInt("onlineCount"), "both connected");
            assertEquals(2, listed.getInt("memberCount"));

            mark = b.size();
            a.send(frame("typing", "roomId", room, "typing", true));
            JsonObject typing = b.await(type("typing"), mark);
            assertEquals(ana.id(), typing.getJsonObject("user").getString("id"));
            assertTrue(typing.getBoolean("typing"));

            String clientMsgId = UUID.randomUUID().toString();
            a.send(frame("send_message", "roomId", room, "clientMsgId", clientMsgId, "text", "olá, bob"));
            JsonObject ack = a.await(type("ack"));
            assertEquals(clientMsgId, ack.getString("clientMsgId"));
            JsonObject received = b.await(type("message_received"), mark).getJsonObject("message");
            assertEquals("olá, bob", received.getString("text"));
            assertEquals(ana.id(), received.getString("senderId"));
            assertEquals(ack.getJsonObject("message").getString("id"), received.getString("id"));
            assertEquals(1, received.getJsonNumber("seq").longValue());

            mark = a.size();
            b.send(frame("set_status", "status", "busy"));
            JsonObject presence = a.await(f -> "presence".equals(f.getString("type"))
                    && "busy".equals(f.getString("status")), mark);
            assertEquals(bob.id(), presence.getJsonObject("user").getString("id"));
            JsonObject details = chat.call("GET", ana, "/rooms/" + room, null).json();
            assertEquals("busy", details.getJsonArray("members").stream().map(JsonObject.class::cast)
                    .filter(m -> m.getString("id").equals(bob.id())).findFirst().orElseThrow().getString("status"));

            mark = a.size();
            b.disconnect();
            JsonObject offline = a.await(f -> "presence".equals(f.getString("type"))
                    && "offline".equals(f.getString("status")), mark);
            assertEquals(bob.id(), offline.getJsonObject("user").getString("id"));

            mark = a.size();
            assertEquals(204, chat.call("DELETE", bob, "/rooms/" + room + "/members/me", null).status());
            JsonObject left = a.await(type("user_left"), mark);
            assertEquals(bob.id(), left.getJsonObject("user").getString("id"));
        }
    }

    @Test
    void theServerCountsItsOpenSocketsAndConnectedUsers() {
        ChatUser ana = chat.newUser("ana");
        long open;
        try (ChatSocket first = chat.connect(ana); ChatSocket second = chat.connect(ana)) {
            first.send(frame("ping"));
            first.await(type("pong"));
            second.send(frame("ping"));
            second.await(type("pong"));
            // other tests' sockets may still be closing: they only lower the figures
            open = Health.gauge(chat.api(), "chat_sockets_open");
            assertTrue(open >= 2, "open sockets: " + open);
            assertTrue(Health.gauge(chat.api(), "chat_users_connected") >= 1);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Health.gauge(chat.api(), "chat_sockets_open") <= open - 2);
    }

    @Test
    void aReconnectingClientGetsExactlyWhatItMissedInOrderThenLiveMessages() {
        ChatUser ana = chat.newUser("ana");
        ChatUser bob = chat.newUser("bob");
        String room = chat.createRoom(bob, "private", ana);
        long lastSeen;
        try (ChatSocket a = chat.connect(ana)) {
            a.join(room, 0L);
            assertEquals(201, chat.send(bob, room, "before", "seen by ana").status());
            lastSeen = a.await(type("message_received")).getJsonObject("message").getJsonNumber("seq").longValue();
            a.disconnect();
        }
        List<String> sent = IntStream.rangeClosed(1, 20).mapToObj(i -> "missed " + i).toList();
        for (String text : sent) {
            assertEquals(201, chat.send(bob, room, UUID.randomUUID().toString(), text).status());
        }
        try (ChatSocket a = chat.connect(ana)) {
            JsonObject joined = a.join(room, lastSeen);
            assertEquals(lastSeen + 20, joined.getJsonNumber("lastSeq").longValue());
            List<JsonObject> replayed = a.messages(room);
            assertEquals(sent, replayed.stream().map(m -> m.getString("text")).toList());
            assertEquals(LongStreamOf.range(lastSeen + 1, lastSeen + 20),
                    replayed.stream().map(m -> m.getJsonNumber("seq").longValue()).toList());

            chat.send(bob, room, UUID.randomUUID().toString(), "live again");
            JsonObject live = a.await(f -> "message_received".equals(f.getString("type"))
                    && "live again".equals(f.getJsonObject("message").getString("text")));
            assertEquals(lastSeen + 21, live.getJsonObject("message").getJsonNumber("seq").longValue());
            assertEquals(21, a.messages(room).size(), "nothing twice");
        }
    }

    @Test
    void aClientThatAsksForBatchesGetsEveryMessageOnceInOrderWhetherReplayedOrLive() {
        ChatUser ana = chat.newUser("ana");
        // seven senders: each stays under the rate limit (30 messages in 10 s)
        List<ChatUser> senders = IntStream.range(0, 7).mapToObj(i -> chat.newUser("sender")).toList();
        List<ChatUser> members = new java.util.ArrayList<>(senders.subList(1, 7));
        members.add(ana);
        String room = chat.createRoom(senders.get(0), "private", members.toArray(ChatUser[]::new));
        String text = "x".repeat(2000); // a replay of 150 of these outruns the socket: frames pile up and batch
        for (int i = 0; i < 150; i++) {
            assertEquals(201, chat.send(senders.get(i % 6), room, UUID.randomUUID().toString(), text).status());
        }
        try (ChatSocket a = ChatSocket.openBatching(chat.api().base(), chat.ticket(ana), ChatSocket.ALLOWED_ORIGIN)) {
            a.send(frame("join_room", "roomId", room, "lastSeq", 0));
            for (int i = 0; i < 20; i++) {
                assertEquals(201, chat.send(senders.get(6), room, UUID.randomUUID().toString(), "live " + i).status());
            }
            a.await(f -> a.messages(room).size() >= 170);
            assertEquals(LongStreamOf.range(1, 170),
                    a.messages(room).stream().map(m -> m.getJsonNumber("seq").longValue()).toList(),
                    "every message once, in seq order (" + a.batches() + " batch frames)");
            assertEquals(1, a.frames().stream().filter(type("joined")).count());
        }
    }

    @Test
    void theSameClientMsgIdOverWebSocketAndRestStoresOneMessage() {
        ChatUser ana = chat.newUser("ana");
        String room = chat.createRoom(ana, "private");
        String clientMsgId = UUID.randomUUID().toString();
        try (ChatSocket a = chat.connect(ana)) {
            a.join(room, 0L);
            for (int i = 0; i < 3; i++) {
                a.send(frame("send_message", "roomId", room, "clientMsgId", clientMsgId, "text", "only once"));
            }
            a.await(f -> a.frames().stream().filter(type("ack")).count() == 3);
            List<String> ids = a.frames().stream().filter(type("ack"))
                    .map(f -> f.getJsonObject("message").getString("id")).distinct().toList();
            assertEquals(1, ids.size());
            for (int i = 0; i < 3; i++) {
                Api.Answer rest = chat.send(ana, room, clientMsgId, "only once");
                assertEquals(201, rest.status());
                assertEquals(ids.get(0), rest.json().getString("id"));
            }
        }
        JsonObject history = chat.history(ana, room, "?after=0");
        assertEquals(1, history.getJsonArray("messages").size());
        assertFalse(history.getBoolean("hasMore"));
    }

    /** Expected seq lists. */
    static final class LongStreamOf {
        static List<Long> range(long from, long to) {
            return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
        }
    }
}
