package dev.blau.chat.bots.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.bots.entity.Bot;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.callers.UserRef;
import dev.blau.chat.events.control.ChatEvents;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.events.entity.ChatEventReceived;
import dev.blau.chat.users.control.ChatUsers;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.persistence.Lookups;
import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;

/**
 * Bot accounts. An administrator creates one (a user in the directory, plus its token's hash)
 * and revokes it; room owners and moderators add it to rooms like anyone else, and it acts
 * only there. A token checked once is remembered by its SHA-256 for
 * {@value #VERIFIED_MINUTES} minutes, so a busy bot costs one Argon2 check per server per
 * quarter of an hour; a revocation reaches every chat server as a {@code user.disabled} event,
 * which forgets the bot's tokens and closes its sockets. More than {@value #MAX_FAILURES}
 * refused tokens for one bot in a minute are refused without hashing, so guessing does not
 * buy Argon2 work on the server.
 */
@ApplicationScoped
public class Bots {

    private static final Logger LOG = Logger.getLogger(Bots.class.getName());
    static final long VERIFIED_MINUTES = 15;
    static final int MAX_FAILURES = 20;
    private static final long ANNOUNCE_TIMEOUT_SECONDS = 5;

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    ChatUsers users;

    @Inject
    AuditLog audit;

    @Inject
    ChatEvents events;

    private final Cache<String, Caller> verified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(VERIFIED_MINUTES)).build();
    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    /** A new bot and its token, the only time the token is ever shown. */
    @Schema(name = "CreatedBot")
    public record Created(String id, String username, String displayName, String token, Instant createdAt) {
    }

    /** A bot as administrators list it (never its token). */
    @Schema(name = "Bot")
    public record Listed(String id, String username, String displayName, String createdBy, Instant createdAt,
                         Instant revokedAt) {
    }

    @Transactional
    public Created create(Caller admin, String username, String displayName) {
        Number taken = (Number) em.createNativeQuery("SELECT count(*) FROM chat.chat_user WHERE lower(username) = lower(?1)")
                .setParameter(1, username).getSingleResult();
        if (taken.longValue() > 0) {
            throw ChatProblems.conflict("username-taken", "Somebody or some bot is called " + username + " already.");
        }
        String id = UUID.randomUUID().toString();
        UserRef ref = new UserRef(id, username, displayName == null || displayName.isBlank() ? username : displayName.strip());
        users.remember(ref);
        String token = BotTokens.newToken(id);
        Bot bot = new Bot(id, BotTokens.hash(token), admin.id(), Instant.now());
        em.persist(bot);
        audit.record(admin.id(), "bot.create", "user:" + id, Map.of("username", username));
        return new Created(id, ref.username(), ref.displayName(), token, bot.createdAt());
    }

    @Transactional
    public List<Listed> list() {
        List<Bot> bots = em.createQuery("SELECT b FROM Bot b ORDER BY b.createdAt", Bot.class).getResultList();
        Map<String, UserRef> names = users.findAll(bots.stream().map(Bot::id).toList());
        return bots.stream().map(b -> {
            UserRef ref = names.getOrDefault(b.id(), new UserRef(b.id(), b.id(), b.id()));
            return new Listed(b.id(), ref.username(), ref.displayName(), b.createdBy(), b.createdAt(), b.revokedAt());
        }).toList();
    }

    /** Marks the bot revoked (again is fine); its tokens never authenticate again on this server. */
    @Transactional
    public UserRef revoke(Caller admin, String botId) {
        Bot bot = Lookups.find(em, transaction, Bot.class, botId).orElseThrow(() -> ChatProblems.userNotFound("id"));
        if (!bot.revoked()) {
            bot.revoke(Instant.now());
            audit.record(admin.id(), "bot.revoke", "user:" + botId, Map.of());
        }
        forget(botId);
        return users.find(botId).orElse(new UserRef(botId, botId, botId));
    }

    /**
     * Tells every chat server that the bot is revoked: they forget its tokens and close its
     * sockets. Answers once Kafka has the event; a 503 asks the administrator to revoke again.
     */
    public void announceRevocation(UserRef bot) throws InterruptedException {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        events.publish(ChatEvent.userDisabled(bot), () -> taken.complete(null),
                () -> taken.completeExceptionally(new IllegalStateException("Kafka did not take it")));
        try {
            taken.get(ANNOUNCE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning(() -> "Revocation of bot " + bot.id() + " not passed on: " + e.getMessage());
            throw new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "fan-out-unavailable",
                    "The bot is revoked here, but not every chat server could be told yet; revoke it again."));
        }
    }

    /** The bot a token belongs to, if it is a live bot's current token (no transaction: a cache hit is all most calls cost). */
    public Optional<Caller> authenticate(String token) {
        String digest = sha256(token);
        Caller known = verified.getIfPresent(digest);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> botId = BotTokens.botId(token);
        if (botId.isEmpty()) {
            return Optional.empty();
        }
        AtomicInteger failed = failures.get(botId.get(), id -> new AtomicInteger());
        if (failed.get() >= MAX_FAILURES) {
            return Optional.empty();
        }
        Optional<Bot> bot = Lookups.find(em, transaction, Bot.class, botId.get()).filter(b -> !b.revoked());
        if (bot.isEmpty() || !BotTokens.matches(token, bot.get().tokenHash())) {
            failed.incrementAndGet();
            return Optional.empty();
        }
        Caller caller = Caller.bot(users.find(bot.get().id()).orElse(new UserRef(botId.get(), botId.get(), botId.get())));
        verified.put(digest, caller);
        return Optional.of(caller);
    }

    void onRevoked(@Observes ChatEventReceived received) {
        ChatEvent event = received.event();
        if (ChatEvent.USER_DISABLED.equals(event.type()) && event.user() != null) {
            forget(event.user().id());
        }
    }

    private void forget(String botId) {
        verified.asMap().values().removeIf(caller -> caller.id().equals(botId));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
