package it.dev.blau.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatUser;

/**
 * Incoming webhooks: a room's owner creates one; a program posts signed JSON to its URL and the
 * message appears in the room under the hook's name. Forged, stale and unsigned requests are
 * refused; the same request again stores nothing new.
 */
class IncomingHooksIT {

    static final Chat CHAT = new Chat(Api.underTest());

    record Hook(String id, URI url, String secret) {
    }

    @Test
    void aSignedPostAppearsInTheRoomOnce() {
        ChatUser owner = CHAT.newUser("hown");
        String room = CHAT.createRoom(owner, "private");
        Hook hook = create(owner, room, "CI");

        String body = "{\"text\":\"build #42 passed\"}";
        long now = Instant.now().getEpochSecond();
        Api.Answer posted = post(hook, body, now, sign(hook.secret(), now, body), null);
        assertEquals(201, posted.status(), posted::toString);
        assertEquals("CI", posted.json().getString("senderName"));
        assertEquals("build #42 passed", posted.json().getString("text"));
        long seq = posted.json().getJsonNumber("seq").longValue();

        Api.Answer again = post(hook, body, now, sign(hook.secret(), now, body), null);
        assertEquals(seq, again.json().getJsonNumber("seq").longValue(), "a retry is the same message: " + again);

        String named = "{\"text\":\"deploy started\",\"username\":\"Jenkins\"}";
        Api.Answer first = post(hook, named, now, sign(hook.secret(), now, named), "deploy-7");
        String renamed = "{\"text\":\"deploy started (retry)\",\"username\":\"Jenkins\"}";
        Api.Answer retried = post(hook, renamed, now + 1, sign(hook.secret(), now + 1, renamed), "deploy-7");
        assertEquals("Jenkins", first.json().getString("senderName"));
        assertEquals(first.json().getJsonNumber("seq"), retried.json().getJsonNumber("seq"), "one Idempotency-Key, one message");

        List<String> texts = CHAT.history(owner, room, "?after=0").getJsonArray("messages").getValuesAs(JsonObject.class)
                .stream().map(m -> m.getString("text")).toList();
        assertEquals(List.of("build #42 passed", "deploy started"), texts);
    }

    @Test
    void forgedStaleAndUnsignedRequestsAreRefused() {
        ChatUser owner = CHAT.newUser("hforge");
        String room = CHAT.createRoom(owner, "public");
        Hook hook = create(owner, room, "Alerts");
        String body = "{\"text\":\"disk full\"}";
        long now = Instant.now().getEpochSecond();

        List<Api.Answer> refused = List.of(
                post(hook, body, now, sign("not-the-secret", now, body), null),
                post(hook, body, now, sign(hook.secret(), now, "{\"text\":\"disk fine\"}"), null),
                post(hook, body, now - 360, sign(hook.secret(), now - 360, body), null),
                post(hook, body, now, sign(hook.secret(), now - 360, body), null),
                CHAT.api().send(HttpRequest.newBuilder(hook.url()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))));
        for (Api.Answer answer : refused) {
            assertEquals(401, answer.status(), answer::toString);
            assertTrue(answer.contentType().startsWith("application/problem+json"), answer::toString);
        }
        Api.Answer noText = post(hook, "{\"username\":\"x\"}", now, sign(hook.secret(), now, "{\"username\":\"x\"}"), null);
        assertEquals(400, noText.status(), noText::toString);
        assertEquals(0, CHAT.history(owner, room, "?after=0").getJsonArray("messages").size(), "nothing was posted");
    }

    @Test
    void onlyTheRoomsManagersSeeAndDeleteItsHooks() {
        ChatUser owner = CHAT.newUser("hmgr");
        ChatUser member = CHAT.newUser("hmem");
        String room = CHAT.createRoom(owner, "private", member);
        assertEquals(403, CHAT.call("POST", member, "/rooms/" + room + "/incoming-hooks", "{\"name\":\"mine\"}").status());
        Hook hook = create(owner, room, "Deploys");

        assertEquals(403, CHAT.call("GET", member, "/rooms/" + room + "/incoming-hooks", null).status());
        Api.Answer listed = CHAT.call("GET", owner, "/rooms/" + room + "/incoming-hooks", null);
        assertEquals(200, listed.status(), listed::toString);
        JsonObject only = listed.json().getJsonArray("hooks").getJsonObject(0);
        assertEquals(hook.id(), only.getString("id"));
        assertFalse(listed.body().contains(hook.secret()), "the secret is shown once");

        assertEquals(204, CHAT.call("DELETE", owner, "/rooms/" + room + "/incoming-hooks/" + hook.id(), null).status());
        String body = "{\"text\":\"late\"}";
        long now = Instant.now().getEpochSecond();
        assertEquals(404, post(hook, body, now, sign(hook.secret(), now, body), null).status(), "a deleted hook is gone");
    }

    private static Hook create(ChatUser owner, String room, String name) {
        Api.Answer created = CHAT.call("POST", owner, "/rooms/" + room + "/incoming-hooks", "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.status(), created::toString);
        assertEquals("no-store", created.header("Cache-Control"));
        JsonObject hook = created.json();
        URI url = URI.create(hook.getString("url"));
        assertTrue(url.getPath().equals(Chat.BASE + "/hooks/" + hook.getString("id")), url::toString);
        return new Hook(hook.getString("id"), CHAT.api().base().resolve(url.getPath()), hook.getString("secret"));
    }

    private static Api.Answer post(Hook hook, String body, long timestamp, String signature, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hook.url())
                .header("Content-Type", "application/json")
                .header("X-Blau-Timestamp", String.valueOf(timestamp))
                .header("X-Blau-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return CHAT.api().send(request);
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
