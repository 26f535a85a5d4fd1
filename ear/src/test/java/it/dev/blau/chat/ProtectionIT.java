package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.StalledSocket;

/** Bad frames, bad handshakes, oversized frames, flooding and clients that stop reading. */
class ProtectionIT {

    private final Chat chat = new Chat(Api.underTest());

    @Test
    void badFramesGetAnErrorFrameAndTheConnectionStaysOpen() {
        ChatUser ana = chat.newUser("ana");
        String room = chat.createRoom(ana, "private");
        try (ChatSocket socket = chat.connect(ana)) {
            socket.join(room, 0L);
            String[][] cases = {
                    {"{not json", "malformed-frame"},
                    {"[1,2]", "malformed-frame"},
                    {"{\"type\":\"shout\"}", "unknown-type"},
                    {"{\"roomId\":\"x\"}", "unknown-type"},
                    {"{\"type\":\"send_message\",\"roomId\":\"" + room + "\",\"text\":\"no id\"}", "validation"},
                    {"{\"type\":\"join_room\",\"roomId\":\"" + room + "\",\"lastSeq\":\"ten\"}", "validation"},
                    {"{\"type\":\"typing\",\"roomId\":\"" + room + "\",\"typing\":\"yes\"}", "validation"},
                    {"{\"type\":\"set_status\",\"status\":\"asleep\"}", "validation"},
                    {frame("send_message", "roomId", room, "clientMsgId", "long", "text", "x".repeat(4001)).toString(), "validation"},
            };
            for (String[] c : cases) {
                int mark = socket.size();
                socket.send(c[0]);
                JsonObject error = socket.await(type("error"), mark);
                assertEquals(c[1], error.getString("code"), c[0]);
                assertFalse(error.getString("message").isBlank());
            }
            int mark = socket.size();
            socket.send(frame("send_message", "roomId", room, "clientMsgId", "ok", "text", "still here"));
            assertEquals(1, socket.await(type("ack"), mark).getJsonObject("message").getJsonNumber("seq").longValue(),
                    "the connection stays open and nothing half-stored took a seq");
        }
    }

    @Test
    void aFrameOverTheLimitClosesWith1009() {
        ChatUser ana = chat.newUser("ana");
        try (ChatSocket socket = chat.connect(ana)) {
            socket.send(frame("ping", "padding", "x".repeat(40_000)));
            assertEquals(1009, socket.awaitClose());
        }
    }

    @Test
    void theHandshakeNeedsAFreshTicketAndAnAllowedOrigin() {
        ChatUser ana = chat.newUser("ana");
        try (ChatSocket forged = ChatSocket.open(chat.api().base(), "forged-" + UUID.randomUUID(), ChatSocket.ALLOWED_ORIGIN)) {
            assertEquals(1008, forged.awaitClose());
        }
        String ticket = chat.ticket(ana);
        try (ChatSocket first = ChatSocket.open(chat.api().base(), ticket, ChatSocket.ALLOWED_ORIGIN)) {
            first.send(frame("ping"));
            first.await(type("pong"));
            try (ChatSocket replay = ChatSocket.open(chat.api().base(), ticket, ChatSocket.ALLOWED_ORIGIN)) {
                assertEquals(1008, replay.awaitClose(), "a ticket works once");
            }
        }
        String another = chat.ticket(ana);
        assertThrows(IllegalStateException.class,
                () -> ChatSocket.open(chat.api().base(), another, "https://evil.example"), "a foreign page is refused");
        assertEquals(401, chat.call("POST", null, "/ws-ticket", null).status());
    }

    @Test
    void theHandshakeOpensNoHttpSession() throws java.io.IOException {
        ChatUser ana = chat.newUser("ana");
        try (StalledSocket socket = StalledSocket.open(chat.api().base(), chat.ticket(ana), ChatSocket.ALLOWED_ORIGIN)) {
            assertTrue(socket.handshakeHeaders().stream().anyMatch(h -> h.regionMatches(true, 0, "Upgrade:", 0, 8)),
                    () -> "the handshake's answer: " + socket.handshakeHeaders());
            // a session would stay in the server's memory for its timeout, long after the socket closed
            assertTrue(socket.handshakeHeaders().stream().noneMatch(h -> h.regionMatches(true, 0, "Set-Cookie:", 0, 11)),
                    () -> "the handshake's answer: " + socket.handshakeHeaders());
        }
    }

    @Test
    void aSenderOverTheRateLimitIsRefusedThenCutOffAndNothingRefusedIsStored() {
        ChatUser ana = chat.newUser("ana");
        String room = chat.createRoom(ana, "private");
        try (ChatSocket socket = chat.connect(ana)) {
            socket.join(room, 0L);
            for (int i = 0; i < 40; i++) {
                socket.send(frame("send_message", "roomId", room, "clientMsgId", "f" + i, "text", "flood " + i));
            }
            Awaitility.await().atMost(ChatSocket.WAIT).until(() -> socket.frames().stream()
                    .filter(f -> "ack".equals(f.getString("type")) || "error".equals(f.getString("type"))).count() == 40);
            assertEquals(30, socket.frames().stream().filter(type("ack")).count(), "30 per 10 s");
            JsonObject refused = socket.await(type("error"));
            assertEquals("rate-limited", refused.getString("code"));
            assertEquals("f30", refused.getString("ref"));

            Api.Answer rest = chat.send(ana, room, "rest", "and over REST");
            assertEquals(429, rest.status());
            assertTrue(Integer.parseInt(rest.header("Retry-After")) >= 1);
            assertEquals(30, chat.history(ana, room, "?after=0&limit=100").getJsonArray("messages").size(),
                    "nothing refused was stored");

            for (int i = 0; i < 30; i++) {
                if (!socket.sendUnlessClosed(frame("send_message", "roomId", room, "clientMsgId", "g" + i, "text", "more"))) {
                    break;
                }
            }
            assertEquals(1008, socket.awaitClose(), "a sender who keeps going is cut off");
        }
    }

    @Test
    void everyFrameTypeSpendsTheSocketsBudgetAndAClientThatKeepsGoingIsCutOff() {
        ChatUser ana = chat.newUser("ana");
        String room = chat.createRoom(ana, "private");
        try (ChatSocket socket = chat.connect(ana)) {
            socket.join(room, 0L); // the budget's first frame: 199 of the burst of 200 are left
            // the burst, then fewer refusals than close a socket (20 in a row): every ping is answered,
            // a pong or a refusal, and nothing is closed, so nothing still queued for the socket is dropped
            int pings = 199 + 15;
            for (int i = 0; i < pings; i++) {
                socket.send(frame("ping"));
            }
            Awaitility.await().atMost(ChatSocket.WAIT).until(() -> socket.frames().stream()
                    .filter(type("pong").or(type("error"))).count() == pings);
            long pongs = socket.frames().stream().filter(type("pong")).count();
            assertTrue(pongs >= 199, "the burst was served, not only the per-second rate (20): " + pongs + " pongs");
            assertFalse(socket.isClosed(), "a few refusals close nothing");
            // then read marks, which answer nothing, in a flood: a client that keeps going is cut off
            for (int i = 0; i < 2_000; i++) {
                if (!socket.sendUnlessClosed(i % 2 == 0 ? frame("ping") : frame("mark_read", "roomId", room, "seq", 1L))) {
                    break;
                }
            }
            assertEquals(1008, socket.awaitClose(), "a client that keeps going past its budget is cut off");
            assertEquals("frame budget exceeded again and again", socket.closeReason());
            // the refusals' error frames may still have been queued when the close came
            socket.frames().stream().filter(type("error")).forEach(refused -> {
                assertEquals("rate-limited", refused.getString("code"), refused.toString());
                assertTrue(refused.getString("message").contains("Too many frames"), refused.toString());
            });
        }
        try (ChatSocket next = chat.connect(ana)) { // the budget is the socket's: a new one starts full
            next.send(frame("ping"));
            next.await(type("pong"));
        }
    }

    @Test
    void aUserHoldsAtMostTenSocketsOnAServerAndAClosedOneFreesItsPlace() {
        ChatUser ana = chat.newUser("ana");
        List<ChatSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                ChatSocket socket = chat.connect(ana);
                open.add(socket);
                socket.send(frame("ping")).await(type("pong")); // admitted: the server answers
            }
            try (ChatSocket eleventh = chat.connect(ana)) {
                assertEquals(1008, eleventh.awaitClose());
                assertEquals("too many sockets: at most 10 per user", eleventh.closeReason());
            }
            open.forEach(socket -> socket.send(frame("ping")));
            for (ChatSocket socket : open) {
                assertFalse(socket.isClosed(), "the sockets already open stay open");
            }
            try (ChatSocket otherUser = chat.connect(chat.newUser("bob"))) {
                otherUser.send(frame("ping")).await(type("pong"));
            }
            open.remove(0).close();
            // the closed socket's place is free once the server saw it go
            Awaitility.await().atMost(ChatSocket.WAIT).ignoreExceptions().until(() -> {
                try (ChatSocket again = chat.connect(ana)) {
                    again.send(frame("ping"));
                    Awaitility.await().atMost(ChatSocket.WAIT)
                            .until(() -> again.isClosed() || again.frames().stream().anyMatch(type("pong")));
                    return !again.isClosed();
                }
            });
        } finally {
            open.forEach(ChatSocket::close);
        }
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldUpTheOthers() throws Exception {
        ChatUser owner = chat.newUser("own");
        ChatUser reader = chat.newUser("rdr");
        ChatUser stalled = chat.newUser("stl");
        int senders = 12;
        int perSender = 30; // each within the per-user rate limit
        List<ChatUser> team = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            team.add(chat.newUser("snd"));
        }
        List<ChatUser> members = new ArrayList<>(team);
        members.add(reader);
        members.add(stalled);
        String room = chat.createRoom(owner, "private", members.toArray(ChatUser[]::new));
        try (ChatSocket r = chat.connect(reader);
             StalledSocket stuck = StalledSocket.open(chat.api().base(), chat.ticket(stalled), ChatSocket.ALLOWED_ORIGIN)) {
            r.join(room, 0L);
            stuck.sendText(frame("join_room", "roomId", room, "lastSeq", 0).toString());
            // from here the stalled client reads nothing while 1.4 MB of messages are sent to the room
            String big = "y".repeat(3900);
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            try {
                List<Future<?>> sends = new ArrayList<>();
                for (ChatUser sender : team) {
                    sends.add(pool.submit(() -> {
                        for (int i = 0; i < perSender; i++) {
                            assertEquals(201, chat.send(sender, room, UUID.randomUUID().toString(), big).status());
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
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> r.messages(room).size() >= total);
            List<Long> seqs = r.messages(room).stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
            assertEquals(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList(), seqs,
                    "the reader got every message, in order, once, while the stalled client read nothing");
        }
    }

    @Test
    void aPathTheServletContainerRefusesIsAProblemThatNamesNoServerClass() throws java.io.IOException {
        ChatUser ana = chat.newUser("ana");
        for (String path : List.of("/api/v1/chat/rooms/a%2Fb", "/api/v1/chat/rooms/%5C..%5C", "/api/v1/auth/profile%2F..")) {
            Api.Answer answer = chat.api().send("GET", path, ana.token(), null);

            assertEquals(400, answer.status(), () -> path + " " + answer);
            assertEquals("application/problem+json", answer.contentType(), () -> path + " " + answer);
            assertEquals("https://blau.dev/problems/http-400", answer.json().getString("type"), () -> path + " " + answer);
            assertFalse(answer.body().contains("com.ibm"), answer::toString);
        }
        // a client's bad path is not an error of the server: nothing in its error log (it could be flooded)
        String log = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("blau.server.logs"), "messages.log"));
        assertFalse(log.contains("a%2Fb") || log.contains("SRVE0315E: "), "the refused paths were logged as errors");
    }
}
