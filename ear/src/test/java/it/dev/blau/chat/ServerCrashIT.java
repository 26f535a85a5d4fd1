package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.LocalStackControl;

/**
 * A chat server that dies without a word (SIGKILL): its users go offline by themselves
 * within a bounded time — presence expires in Redis (30 s) and the next sweep by a surviving
 * server (every 10 s) tells their rooms.
 */
class ServerCrashIT {

    /** Presence expiry plus one sweep, plus margin. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final Chat one = new Chat(Api.underTest());
    private final Api two = new Api(URI.create(System.getProperty("blau.second.chat.url", "http://localhost:9083")));
    private final LocalStackControl stack = LocalStackControl.ofThisBuild();

    @Test
    void theUsersOfACrashedServerGoOfflineByThemselves() {
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
            stack.kill("chat-app-2");
            try {
                JsonObject offline = await(a, mark, bob);
                assertEquals("offline", offline.getString("status"));
                assertEquals("offline", status(ana, room, bob));
            } finally {
                b.close();
                stack.start("chat-app-2");
            }
        }
    }

    private JsonObject await(ChatSocket socket, int mark, ChatUser user) {
        JsonObject[] found = new JsonObject[1];
        org.awaitility.Awaitility.await().atMost(BOUND).until(() -> {
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

    private String status(ChatUser caller, String room, ChatUser member) {
        return one.call("GET", caller, "/rooms/" + room, null).json().getJsonArray("members").stream()
                .map(JsonObject.class::cast).filter(m -> m.getString("id").equals(member.id()))
                .findFirst().orElseThrow().getString("status");
    }
}
