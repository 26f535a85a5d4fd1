package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.LocalStackControl;
import dev.blau.testing.SteadyTraffic;

/**
 * A chat server that dies without a word (SIGKILL) in the middle of a stream of sends: its
 * users go offline by themselves within a bounded time — presence expires in Redis (30 s) and
 * the next sweep by a surviving server (every 10 s) tells their rooms — and every message it
 * acked reaches the members on the other server, once: what it had not handed to Kafka yet is
 * republished by the server that takes over its outbox marker (after 60 s).
 */
class ServerCrashIT {

    /** Presence expiry plus one sweep, plus margin. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** An abandoned outbox marker is taken over after 60 s, by a sweep every few seconds. */
    private static final Duration TAKEOVER = Duration.ofMinutes(3);

    private final Chat one = new Chat(Api.underTest());
    private final Api two = new Api(URI.create(System.getProperty("blau.second.chat.url", "http://localhost:9083")));
    private final LocalStackControl stack = LocalStackControl.ofThisBuild();

    @Test
    void theUsersOfACrashedServerGoOfflineByThemselvesAndEverythingItAckedArrives() {
        ChatUser ana = one.newUser("ana");
        ChatUser bob = one.newUser("bob");
        String room = one.createRoom(ana, "private", bob);
        try (ChatSocket a = one.connect(ana)) {
            a.join(room, null);
            ChatSocket b = ChatSocket.open(two.base(), one.ticket(bob), ChatSocket.ALLOWED_ORIGIN);
            b.join(room, null);
            b.send(frame("set_status", "status", "online"));
            a.await(f -> "presence".equals(f.getString("type")) && bob.id().equals(f.getJsonObject("user").getString("id")));
            assertEquals("online", status(ana, room, bob));

            int mark = a.size();
            SteadyTraffic traffic = SteadyTraffic.start(room, Duration.ofMillis(50), b);
            traffic.awaitAcks(0, 5, ChatSocket.WAIT);
            stack.kill("chat-app-2"); // while sends are in flight: some acked, not all of them published yet
            traffic.close();
            try {
                JsonObject offline = await(a, mark, bob);
                assertEquals("offline", offline.getString("status"));
                assertEquals("offline", status(ana, room, bob));

                Set<Long> acked = traffic.ackedSeqs();
                Awaitility.await("every acked message at ana's").atMost(TAKEOVER).pollInterval(Duration.ofMillis(500))
                        .until(() -> seqs(a, room).containsAll(acked));
                List<Long> seqs = seqs(a, room);
                assertEquals(seqs.stream().sorted().distinct().toList(), seqs, "in order and once");
                System.out.printf("fault table | chat server SIGKILLed while sending | sent %d | acked %d | refused %d"
                        + " | delivered to the member on the other server %d | lost 0%n",
                        traffic.sent(), acked.size(), traffic.refusals().size(), seqs.size());
            } finally {
                b.close();
                stack.start("chat-app-2");
            }
        }
    }

    private JsonObject await(ChatSocket socket, int mark, ChatUser user) {
        JsonObject[] found = new JsonObject[1];
        Awaitility.await().atMost(BOUND).until(() -> {
            List<JsonObject> frames = socket.frames(); // one snapshot: frames keep arriving meanwhile
            for (JsonObject f : frames.subList(mark, frames.size())) {
                if ("presence".equals(f.getString("type")) && user.id().equals(f.getJsonObject("user").getString("id"))
                        && "offline".equals(f.getString("status"))) {
                    found[0] = f;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<Long> seqs(ChatSocket socket, String room) {
        return socket.messages(room).stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
    }

    private String status(ChatUser caller, String room, ChatUser member) {
        return one.call("GET", caller, "/rooms/" + room, null).json().getJsonArray("members").stream()
                .map(JsonObject.class::cast).filter(m -> m.getString("id").equals(member.id()))
                .findFirst().orElseThrow().getString("status");
    }
}
