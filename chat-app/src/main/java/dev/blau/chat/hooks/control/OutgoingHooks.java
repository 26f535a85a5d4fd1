package dev.blau.chat.hooks.control;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.hooks.entity.OutgoingHook;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.Visibility;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.persistence.Lookups;
import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;

/**
 * Outgoing webhooks: a room's owner or moderator names a receiver and which messages it gets
 * (all, those that mention someone, or those with a keyword); each message it takes becomes a
 * delivery, which {@link HookDeliveries} carries out. The secret (shown once) signs every
 * delivery as incoming webhooks are signed ({@link HookSignatures}). Which hooks a room has is
 * remembered for {@value #HOOKS_CACHE_SECONDS} s, so a busy room costs one lookup then, not
 * one per message.
 */
@ApplicationScoped
public class OutgoingHooks {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Jsonb JSON = JsonbBuilder.create();
    static final long HOOKS_CACHE_SECONDS = 10;
    static final int MAX_PER_ROOM = 10;

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    Rooms rooms;

    @Inject
    AuditLog audit;

    @Inject
    HookDeliveryLedger ledger;

    @Inject
    @ConfigProperty(name = "chat.hooks.allowed-targets", defaultValue = " ")
    String allowedTargets;

    private HookTargets targets;
    private final Cache<String, List<OutgoingHook>> byRoom = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(HOOKS_CACHE_SECONDS)).build();

    @PostConstruct
    void init() {
        targets = new HookTargets(allowedTargets);
    }

    public HookTargets targets() {
        return targets;
    }

    /** A new hook and its secret, the only time the secret is ever shown. */
    @Schema(name = "CreatedOutgoingHook")
    public record Created(String id, String roomId, String url, String trigger, String keyword, String secret,
                          Instant createdAt) {
    }

    /** A hook as the room's managers list it (never its secret), with its deliveries still to make and failed. */
    @Schema(name = "OutgoingHook")
    public record Listed(String id, String roomId, String url, String trigger, String keyword, String createdBy,
                         Instant createdAt, long pending, long failed) {
    }

    @Transactional
    public Created create(Caller caller, String roomId, String url, String trigger, String keyword) {
        Room room = HookRooms.requireManager(rooms, caller, roomId);
        if (room.visibility() == Visibility.DIRECT) {
            throw ChatProblems.conflict("direct-room", "A direct-message room has no webhooks.");
        }
        OutgoingHook.Trigger chosen = OutgoingHook.Trigger.fromWire(trigger);
        String word = keyword == null || keyword.isBlank() ? null : keyword.strip();
        if (chosen == OutgoingHook.Trigger.KEYWORD && word == null) {
            throw ChatProblems.invalid("keyword", "is required for the keyword trigger");
        }
        try {
            targets.check(url);
        } catch (HookTargets.Refused e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "target-refused",
                    "This URL may not receive webhooks: " + e.getMessage() + "."));
        }
        Number count = (Number) em.createNativeQuery("SELECT count(*) FROM chat.outgoing_hook WHERE room_id = ?1")
                .setParameter(1, roomId).getSingleResult();
        if (count.longValue() >= MAX_PER_ROOM) {
            throw ChatProblems.conflict("too-many-hooks", "A room has at most " + MAX_PER_ROOM + " outgoing webhooks.");
        }
        String id = HexFormat.of().formatHex(random(16));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        OutgoingHook hook = new OutgoingHook(id, roomId, url.strip(), secret, chosen, word, caller.id(), Instant.now());
        em.persist(hook);
        byRoom.invalidate(roomId);
        audit.record(caller.id(), "hook.outgoing.create", "room:" + roomId, Map.of("hook", id, "url", hook.url()));
        return new Created(id, roomId, hook.url(), chosen.wire(), word, secret, hook.createdAt());
    }

    @Transactional
    public List<Listed> list(Caller caller, String roomId) {
        HookRooms.requireManager(rooms, caller, roomId);
        List<OutgoingHook> hooks = em.createQuery("SELECT h FROM OutgoingHook h WHERE h.roomId = :room ORDER BY h.createdAt",
                OutgoingHook.class).setParameter("room", roomId).getResultList();
        return hooks.stream().map(h -> new Listed(h.id(), h.roomId(), h.url(), h.trigger().wire(), h.keyword(), h.createdBy(),
                h.createdAt(), ledger.count(h.id(), "pending"), ledger.count(h.id(), "failed"))).toList();
    }

    @Transactional
    public void delete(Caller caller, String roomId, String hookId) {
        HookRooms.requireManager(rooms, caller, roomId);
        OutgoingHook hook = hook(roomId, hookId);
        em.remove(hook);
        byRoom.invalidate(roomId);
        audit.record(caller.id(), "hook.outgoing.delete", "room:" + roomId, Map.of("hook", hookId, "url", hook.url()));
    }

    /** A hook's deliveries in one state, newest first. */
    @Transactional
    public List<HookDeliveryLedger.Delivery> deliveries(Caller caller, String roomId, String hookId, String state, int limit) {
        HookRooms.requireManager(rooms, caller, roomId);
        hook(roomId, hookId);
        return ledger.list(hookId, state, limit);
    }

    /** A failed delivery, tried again from now (another hour of retries); 404 for one that is not failed. */
    @Transactional
    public void retry(Caller caller, String roomId, String hookId, long deliveryId) {
        HookRooms.requireManager(rooms, caller, roomId);
        hook(roomId, hookId);
        int updated = ledger.retry(hookId, deliveryId);
        if (updated == 0) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "delivery-not-found",
                    "No failed delivery with this id."));
        }
        audit.record(caller.id(), "hook.outgoing.retry", "room:" + roomId, Map.of("hook", hookId, "delivery", deliveryId));
    }

    /**
     * The deliveries a stored message makes: one per hook of its room that takes it. A message
     * handed over again makes none anew (one delivery per hook and seq). True when any was made.
     */
    // no transaction for the many messages of rooms without a hook that takes them: a cache lookup, nothing more
    public boolean enqueue(Message message) {
        List<OutgoingHook> hooks = byRoom.get(message.roomId(), room -> em.createQuery(
                "SELECT h FROM OutgoingHook h WHERE h.roomId = :room", OutgoingHook.class).setParameter("room", room)
                .getResultList());
        List<OutgoingHook> taking = hooks.stream().filter(hook -> takes(hook, message)).toList();
        if (taking.isEmpty()) {
            return false;
        }
        Room room = em.find(Room.class, message.roomId());
        Payload.RoomRef roomRef = new Payload.RoomRef(message.roomId(), room == null ? "" : room.name());
        Map<String, String> payloads = new java.util.LinkedHashMap<>();
        taking.forEach(hook -> payloads.put(hook.id(), JSON.toJson(new Payload("message.sent", hook.id(), roomRef, message))));
        return ledger.record(message.seq(), payloads);
    }

    /** What a receiver gets: {@code {"type","hookId","room":{"id","name"},"message"}}. */
    public record Payload(String type, String hookId, RoomRef room, Message message) {
        public record RoomRef(String id, String name) {
        }
    }

    static boolean takes(OutgoingHook hook, Message message) {
        if (Boolean.TRUE.equals(message.deleted())) {
            return false;
        }
        return switch (hook.trigger()) {
            case ALL -> true;
            case MENTIONS -> (message.mentions() != null && !message.mentions().isEmpty())
                    || Boolean.TRUE.equals(message.mentionsRoom());
            case KEYWORD -> message.text() != null
                    && message.text().toLowerCase(Locale.ROOT).contains(hook.keyword().toLowerCase(Locale.ROOT));
        };
    }

    private OutgoingHook hook(String roomId, String hookId) {
        return Lookups.find(em, transaction, OutgoingHook.class, hookId).filter(h -> h.roomId().equals(roomId))
                .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "hook-not-found",
                        "No such webhook.")));
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }
}
