package dev.blau.chat.hooks.control;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.callers.UserRef;
import dev.blau.chat.hooks.entity.IncomingHook;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.control.Messages;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.Visibility;
import dev.blau.chat.users.control.ChatUsers;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.json.JsonProcessing;
import dev.blau.common.persistence.Lookups;
import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;

/**
 * Incoming webhooks: a room's owner or moderator creates one (its secret is shown once), and
 * a program posts {@code {"text","username"?}} to it, signed ({@link HookSignatures}). The
 * message is the hook's, shown under {@code username} when given. A retry is free: the
 * {@code Idempotency-Key} header, or else the signature itself, names the message, so the same
 * request again answers the message stored the first time and stores nothing.
 */
@ApplicationScoped
public class IncomingHooks {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_IDEMPOTENCY_KEY = 56;
    static final int MAX_USERNAME = 64;
    private static final String CLIENT_MSG_ID_PREFIX = "hook:";

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    Rooms rooms;

    @Inject
    ChatUsers users;

    @Inject
    Messages messages;

    @Inject
    AuditLog audit;

    /** A new hook and its secret, the only time the secret is ever shown. */
    public record Created(String id, String roomId, String name, String secret, Instant createdAt) {
    }

    /** A hook as the room's managers list it (never its secret). */
    @Schema(name = "IncomingHook")
    public record Listed(String id, String roomId, String name, String createdBy, Instant createdAt) {
    }

    @Transactional
    public Created create(Caller caller, String roomId, String name) {
        Room room = HookRooms.requireManager(rooms, caller, roomId);
        if (room.visibility() == Visibility.DIRECT) {
            throw ChatProblems.conflict("direct-room", "A direct-message room has no webhooks.");
        }
        String id = HexFormat.of().formatHex(random(16));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        IncomingHook hook = new IncomingHook(id, roomId, "hook-" + id, name, secret, caller.id(), Instant.now());
        users.remember(new UserRef(hook.userId(), "hook-" + id.substring(0, 8), name));
        em.persist(hook);
        audit.record(caller.id(), "hook.create", "room:" + roomId, Map.of("hook", id, "name", name));
        return new Created(id, roomId, name, secret, hook.createdAt());
    }

    @Transactional
    public List<Listed> list(Caller caller, String roomId) {
        HookRooms.requireManager(rooms, caller, roomId);
        return em.createQuery("SELECT h FROM IncomingHook h WHERE h.roomId = :room ORDER BY h.createdAt", IncomingHook.class)
                .setParameter("room", roomId).getResultList().stream()
                .map(h -> new Listed(h.id(), h.roomId(), h.name(), h.createdBy(), h.createdAt())).toList();
    }

    @Transactional
    public void delete(Caller caller, String roomId, String hookId) {
        HookRooms.requireManager(rooms, caller, roomId);
        IncomingHook hook = Lookups.find(em, transaction, IncomingHook.class, hookId)
                .filter(h -> h.roomId().equals(roomId)).orElseThrow(IncomingHooks::hookNotFound);
        em.remove(hook);
        audit.record(caller.id(), "hook.delete", "room:" + roomId, Map.of("hook", hookId, "name", hook.name()));
    }

    /** Posts a signed request's message into the hook's room; the same request again answers the same message. */
    public MessageStore.Appended post(String hookId, String timestamp, String signature, String idempotencyKey,
                                      byte[] body) {
        IncomingHook hook = find(hookId);
        try {
            HookSignatures.verify(hook.secret(), timestamp, signature, body, Instant.now());
        } catch (HookSignatures.Refused e) {
            throw new ProblemException(Problem.of(Response.Status.UNAUTHORIZED, "invalid-signature",
                    "The request was refused: " + e.getMessage() + "."));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ChatProblems.invalid("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        JsonObject post = read(body);
        String text = string(post, "text");
        String username = string(post, "username");
        if (username != null && (username.isBlank() || username.length() > MAX_USERNAME)) {
            throw ChatProblems.invalid("username", "must be 1 to " + MAX_USERNAME + " characters");
        }
        UserRef self = users.find(hook.userId()).orElse(new UserRef(hook.userId(), hook.userId(), hook.name()));
        Caller sender = Caller.bot(new UserRef(self.id(), self.username(), username == null ? hook.name() : username.strip()));
        String clientMsgId = CLIENT_MSG_ID_PREFIX + (idempotencyKey != null ? idempotencyKey : digest(signature));
        // the hook is the room's own: no membership to check, and deleting the room deletes the hook
        return messages.sendAsMember(sender, hook.roomId(), clientMsgId, text, null, null);
    }

    private IncomingHook find(String hookId) {
        if (hookId == null || hookId.length() > 64) {
            throw hookNotFound();
        }
        return Lookups.find(em, transaction, IncomingHook.class, hookId).orElseThrow(IncomingHooks::hookNotFound);
    }

    private static JsonObject read(byte[] body) {
        try (var reader = JsonProcessing.PROVIDER.createReaderFactory(Map.of())
                .createReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ChatProblems.invalid("body", "must be a JSON object {\"text\",\"username\"?}");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw ChatProblems.invalid("body", "is not JSON");
        }
    }

    private static String string(JsonObject post, String field) {
        JsonValue value = post.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw ChatProblems.invalid(field, "must be a string");
        }
        return string.getString();
    }

    private static ProblemException hookNotFound() {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "hook-not-found", "No such webhook."));
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    private static String digest(String signature) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(signature.strip().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
