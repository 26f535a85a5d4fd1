package dev.blau.testing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import org.awaitility.Awaitility;

/** chat-app's REST API as a client uses it, on one server. */
public final class Chat {

    public static final String BASE = "/api/v1/chat";

    /** The chat socket of the server at {@code base} for a ticket; {@code batch}: ask for batch frames. */
    public static URI socketUri(URI base, String ticket, boolean batch) {
        return URI.create(base.toString().replaceFirst("^http", "ws") + BASE + "/ws?ticket=" + ticket
                + (batch ? "&batch=1" : ""));
    }

    private final Api api;

    public Chat(Api api) {
        this.api = api;
    }

    public Api api() {
        return api;
    }

    /** Registers and signs in a new user through auth-app. */
    public ChatUser newUser(String prefix) {
        String username = Users.uniqueName(prefix);
        Api.Answer registered = api.post("/api/v1/auth/register",
                Users.registration(username, username + "@example.test", Users.PASSWORD));
        if (registered.status() != 201) {
            throw new IllegalStateException("registration failed: " + registered);
        }
        return new ChatUser(registered.json().getString("id"), username, new Users(api).accessToken(username));
    }

    public Api.Answer call(String method, ChatUser user, String path, String json) {
        return api.sendAuthorized(method, BASE + path, user == null ? null : user.authorization(), json);
    }

    /** Creates a room and returns its id (fails the test unless 201). */
    public String createRoom(ChatUser owner, String visibility, ChatUser... members) {
        String body = room("room " + UUID.randomUUID().toString().substring(0, 8), visibility,
                List.of(members).stream().map(ChatUser::id).toList());
        // someone who just registered can be invited once the chat servers' directory has their
        // user.registered event from Kafka: a moment, longer while a test's broker restart settles
        Api.Answer created = Awaitility.await("the members known to the chat servers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> call("POST", owner, "/rooms", body),
                        answer -> answer.status() != 404 || !answer.body().contains("user-not-found"));
        if (created.status() != 201) {
            throw new IllegalStateException("room not created: " + created);
        }
        return created.json().getString("id");
    }

    public void join(ChatUser user, String roomId) {
        Api.Answer joined = call("PUT", user, "/rooms/" + roomId + "/members/me", null);
        if (joined.status() != 200) {
            throw new IllegalStateException("join failed: " + joined);
        }
    }

    public Api.Answer send(ChatUser user, String roomId, String clientMsgId, String text) {
        return call("POST", user, "/rooms/" + roomId + "/messages", message(clientMsgId, text));
    }

    public JsonObject history(ChatUser user, String roomId, String query) {
        Api.Answer page = call("GET", user, "/rooms/" + roomId + "/messages" + query, null);
        if (page.status() != 200) {
            throw new IllegalStateException("history failed: " + page);
        }
        return page.json();
    }

    /** A single-use WebSocket ticket. */
    public String ticket(ChatUser user) {
        Api.Answer ticket = call("POST", user, "/ws-ticket", null);
        if (ticket.status() != 200) {
            throw new IllegalStateException("no ticket: " + ticket);
        }
        return ticket.json().getString("ticket");
    }

    /** Opens a WebSocket for the user, with an allowed Origin. */
    public ChatSocket connect(ChatUser user) {
        return ChatSocket.open(api.base(), ticket(user), ChatSocket.ALLOWED_ORIGIN);
    }

    public static String room(String name, String visibility, List<String> members) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        members.forEach(ids::add);
        return Json.createObjectBuilder().add("name", name).add("visibility", visibility).add("members", ids)
                .build().toString();
    }

    public static String message(String clientMsgId, String text) {
        return Json.createObjectBuilder().add("clientMsgId", clientMsgId).add("text", text).build().toString();
    }
}
