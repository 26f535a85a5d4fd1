package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;

/**
 * Two chat servers (the ear's and a second chat-app server) against the same PostgreSQL,
 * MongoDB, Redis and Kafka, with no sticky sessions: whatever happens on one is seen on the other.
 */
class CrossServerIT {

    private final Chat one = new Chat(Api.underTest());
    private final Chat two = new Chat(new Api(URI.create(System.getProperty("blau.second.chat.url", "http://localhost:9083"))));

    @Test
    void clientsOnTwoServersSeeEachOthersMessagesTypingJoinsAndPresence() {
        ChatUser ana = one.newUser("ana");
        ChatUser bob = one.newUser("bob");
        String room = one.createRoom(ana, "public");
        try (ChatSocket a = one.connect(ana); ChatSocket b = connectToSecond(bob)) {
            a.join(room, null);
            int mark = a.size();
            b.join(room, null);
            assertEquals(bob.id(), a.await(type("user_joined"), mark).getJsonObject("user").getString("id"));

            mark = a.size();
            b.send(frame("typing", "roomId", room, "typing", true));
            assertEquals(bob.id(), a.await(type("typing"), mark).getJsonObject("user").getString("id"));

            int bMark = b.size();
            a.send(frame("send_message", "roomId", room, "clientMsgId", "m1", "text", "from server one"));
            assertEquals("from server one", b.await(type("message_received"), bMark).getJsonObject("message").getString("text"));
            b.send(frame("send_message", "roomId", room, "clientMsgId", "m2", "text", "from server two"));
            // ana also receives her own message: wait for bob's
            JsonObject back = a.await(f -> "message_received".equals(f.getString("type"))
                    && "from server two".equals(f.getJsonObject("message").getString("text"))).getJsonObject("message");
            assertEquals("from server two", back.getString("text"));
            assertEquals(2, back.getJsonNumber("seq").longValue());

            mark = a.size();
            b.send(frame("set_status", "status", "away"));
            a.await(f -> "presence".equals(f.getString("type")) && "away".equals(f.getString("status"))
                    && bob.id().equals(f.getJsonObject("user").getString("id")), mark);
        }
    }

    @Test
    void fiftySendersOnBothServersProduceOneGaplessOrderEveryReceiverSees() throws Exception {
        ChatUser owner = one.newUser("own");
        String room = one.createRoom(owner, "public");
        int senders = 50;
        int perSender = 4;
        List<ChatUser> users = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            ChatUser user = one.newUser("s" + i);
            one.join(user, room);
            users.add(user);
        }
        try (ChatSocket watchOne = one.connect(owner); ChatSocket watchTwo = connectToSecond(owner)) {
            watchOne.join(room, null);
            watchTwo.join(room, null);
            List<ChatSocket> sockets = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                ChatSocket socket = (i % 2 == 0 ? one : two).connect(users.get(i));
                socket.join(room, null);
                sockets.add(socket);
            }
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            try {
                List<Future<?>> sends = new ArrayList<>();
                for (ChatSocket socket : sockets) {
                    sends.add(pool.submit(() -> {
                        for (int m = 0; m < perSender; m++) {
                            socket.send(frame("send_message", "roomId", room, "clientMsgId", UUID.randomUUID().toString(),
                                    "text", "burst " + m));
                        }
                    }));
                }
                for (Future<?> send : sends) {
                    send.get();
                }
            } finally {
                pool.shutdown();
            }
            int total = senders * perSender;
            List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
            List<ChatSocket> receivers = new ArrayList<>(sockets);
            receivers.add(watchOne);
            receivers.add(watchTwo);
            for (ChatSocket receiver : receivers) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> receiver.messages(room).size() >= total);
                List<Long> seqs = receiver.messages(room).stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
                assertEquals(expected, seqs, "strictly increasing, no gaps, no duplicates");
            }
            for (ChatSocket socket : sockets) {
                assertEquals(perSender, socket.frames().stream().filter(type("ack")).count());
                socket.close();
            }
            JsonObject latest = one.history(owner, room, "?limit=1");
            assertEquals(total, latest.getJsonArray("messages").getJsonObject(0).getJsonNumber("seq").longValue());
            assertTrue(latest.getBoolean("hasMore"));
        }
    }

    private ChatSocket connectToSecond(ChatUser user) {
        // the ticket is bought from server one and redeemed by server two: no session lives in one server
        return ChatSocket.open(two.api().base(), one.ticket(user), ChatSocket.ALLOWED_ORIGIN);
    }
}
