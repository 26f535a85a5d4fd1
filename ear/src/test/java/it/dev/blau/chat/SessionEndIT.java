package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/** A socket lives no longer than its user's session: sign-out or a disabled account closes it (1008). */
class SessionEndIT {

    /** One session check period (30 s) plus margin. */
    private static final Duration CHECK = Duration.ofSeconds(75);

    private final Api api = Api.underTest();
    private final Chat chat = new Chat(api);

    @Test
    void signingOutClosesTheSocketsOfThatSession() {
        ChatUser ana = chat.newUser("ana");
        Api.Answer login = api.post("/api/v1/auth/login", Users.credentials(ana.username(), Users.PASSWORD));
        ChatUser session = new ChatUser(ana.id(), ana.username(), login.json().getString("accessToken"));
        try (ChatSocket other = chat.connect(ana); ChatSocket ending = chat.connect(session)) {
            ending.send(frame("ping"));
            ending.await(type("pong"));
            assertEquals(204, api.post("/api/v1/auth/logout",
                    Users.refreshToken(login.json().getString("refreshToken"))).status());
            assertEquals(1008, ending.awaitClose(CHECK));
            assertEquals("session ended", ending.closeReason());
            other.send(frame("ping"));
            other.await(f -> other.frames().stream().filter(type("pong")).count() == 1);
            assertEquals(false, other.isClosed(), "the user's other session goes on");
        }
    }

    @Test
    void disablingAUserClosesTheirSockets() {
        ChatUser bob = chat.newUser("bob");
        try (ChatSocket socket = chat.connect(bob)) {
            socket.send(frame("ping"));
            socket.await(type("pong"));
            KeycloakAdmin.ofLocalStack().disable(bob.id());
            assertEquals(1008, socket.awaitClose(CHECK));
        }
    }
}
