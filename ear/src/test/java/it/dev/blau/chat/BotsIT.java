package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/**
 * Bots: created by an administrator with a token shown once, they call REST and open sockets
 * with {@code Authorization: Bot <token>}, only in the rooms someone added them to; revoking
 * one closes its sockets and refuses its token.
 */
class BotsIT {

    static final Chat CHAT = new Chat(Api.underTest());

    static ChatUser admin;

    @BeforeAll
    static void anAdministrator() {
        ChatUser user = CHAT.newUser("botadm");
        KeycloakAdmin.ofLocalStack().grantRealmRole(user.id(), "admin");
        admin = new ChatUser(user.id(), user.username(), new Users(CHAT.api()).accessToken(user.username()));
    }

    @Test
    void aBotTalksInTheRoomsItWasAddedToAndNowhereElse() {
        ChatUser bot = newBot("echo");
        ChatUser owner = CHAT.newUser("bown");
        String room = CHAT.createRoom(owner, "public");
        String elsewhere = CHAT.createRoom(owner, "public");
        String secret = CHAT.createRoom(owner, "private");

        assertEquals(403, CHAT.call("PUT", bot, "/rooms/" + room + "/members/me", null).status(),
                "a bot does not join by itself");
        Api.Answer added = CHAT.call("POST", owner, "/rooms/" + room + "/members", "{\"userId\":\"" + bot.id() + "\"}");
        assertEquals(200, added.status(), added::toString);

        Api.Answer me = CHAT.call("GET", bot, "/me", null);
        assertEquals(200, me.status(), me::toString);
        assertEquals(bot.id(), me.json().getString("id"));
        assertTrue(me.json().getBoolean("bot"));
        assertFalse(CHAT.call("GET", owner, "/me", null).json().getBoolean("bot"));

        Api.Answer mine = CHAT.call("GET", bot, "/rooms", null);
        assertEquals(200, mine.status(), mine::toString);
        assertEquals(List.of(room), mine.jsonArray().getValuesAs(JsonObject.class).stream().map(r -> r.getString("id")).toList());

        Api.Answer sent = CHAT.send(bot, room, UUID.randomUUID().toString(), "beep from REST");
        assertEquals(201, sent.status(), sent::toString);
        assertEquals(bot.id(), sent.json().getString("senderId"));
        assertEquals("Echo bot", sent.json().getString("senderName"));
        assertEquals("beep from REST", CHAT.history(owner, room, "?limit=1").getJsonArray("messages")
                .getJsonObject(0).getString("text"));

        try (ChatSocket socket = CHAT.connect(bot)) {
            socket.join(room, null);
            int mark = socket.size();
            assertEquals(201, CHAT.send(owner, room, UUID.randomUUID().toString(), "hello bot").status());
            JsonObject heard = socket.await(type("message_received"), mark).getJsonObject("message");
            assertEquals("hello bot", heard.getString("text"));
            socket.send(frame("send_message", "roomId", room, "clientMsgId", "b-1", "text", "beep from the socket"));
            JsonObject ack = socket.await(type("ack"));
            assertEquals(bot.id(), ack.getJsonObject("message").getString("senderId"));
        }

        assertEquals(403, CHAT.call("PUT", bot, "/rooms/" + elsewhere + "/members/me", null).status());
        assertEquals(404, CHAT.call("GET", bot, "/rooms/" + secret + "/messages", null).status());
        assertEquals(403, CHAT.call("POST", bot, "/rooms", Chat.room("bot room", "public", List.of())).status());
        assertEquals(403, CHAT.call("POST", bot, "/direct", "{\"userId\":\"" + owner.id() + "\"}").status());
        assertEquals(403, CHAT.call("GET", bot, "/admin/bots", null).status(), "a bot is never an administrator");
    }

    @Test
    void forgedTokensAreRefusedWithAProblem() {
        ChatUser bot = newBot("forge");
        for (String token : List.of("nonsense", bot.id() + ".not-the-secret", UUID.randomUUID() + "." + bot.token().split("\\.")[1])) {
            Api.Answer refused = CHAT.call("GET", ChatUser.bot(bot.id(), bot.username(), token), "/rooms", null);
            assertEquals(401, refused.status(), token + ": " + refused);
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
            assertTrue(refused.header("WWW-Authenticate").startsWith("Bot"), refused::toString);
        }
        assertEquals(200, CHAT.call("GET", bot, "/rooms", null).status(), "the real token still works");
    }

    @Test
    void revokingABotClosesItsSocketsAndRefusesItsToken() {
        ChatUser bot = newBot("gone");
        try (ChatSocket socket = CHAT.connect(bot)) {
            assertEquals(204, CHAT.call("DELETE", admin, "/admin/bots/" + bot.id(), null).status());
            assertEquals(1008, socket.awaitClose());
        }
        Api.Answer refused = CHAT.call("GET", bot, "/rooms", null);
        assertEquals(401, refused.status(), refused::toString);
        assertEquals(204, CHAT.call("DELETE", admin, "/admin/bots/" + bot.id(), null).status(), "revoking again is fine");

        JsonObject listed = CHAT.call("GET", admin, "/admin/bots", null).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(b -> b.getString("id").equals(bot.id())).findFirst().orElseThrow();
        assertNotNull(listed.getString("revokedAt"));
        assertFalse(listed.containsKey("token"), listed::toString);
    }

    @Test
    void onlyAdministratorsCreateBots_withNamesNobodyHas() {
        ChatUser user = CHAT.newUser("nobot");
        String body = "{\"username\":\"x-" + UUID.randomUUID().toString().substring(0, 8) + "\"}";
        assertEquals(403, CHAT.call("POST", user, "/admin/bots", body).status());
        assertEquals(401, CHAT.api().send(HttpRequest.newBuilder(CHAT.api().base().resolve(Chat.BASE + "/admin/bots"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))).status());
        Api.Answer invalid = CHAT.call("POST", admin, "/admin/bots", "{\"username\":\"Not Valid!\"}");
        assertEquals(400, invalid.status(), invalid::toString);
        assertEquals(409, CHAT.call("POST", admin, "/admin/bots", "{\"username\":\"" + user.username() + "\"}").status(),
                "a person is called that already");
    }

    private static ChatUser newBot(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String name = Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1) + " bot";
        Api.Answer created = CHAT.call("POST", admin, "/admin/bots",
                "{\"username\":\"" + username + "\",\"displayName\":\"" + name + "\"}");
        assertEquals(201, created.status(), created::toString);
        assertEquals("no-store", created.header("Cache-Control"));
        assertTrue(created.header("Location").endsWith("/admin/bots/" + created.json().getString("id")), created::toString);
        return ChatUser.bot(created.json().getString("id"), username, created.json().getString("token"));
    }
}
