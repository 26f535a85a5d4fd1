package dev.blau.auth.profiles.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.events.control.UserEvents;
import dev.blau.auth.events.entity.UserEvent;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.keycloak.control.UserAccount;
import dev.blau.auth.profiles.entity.UserProfile;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.privacy.DataRequest;
import dev.blau.common.privacy.DataRequests;

/**
 * Erasure of an account, asked by its owner (signed in recently) or by an administrator. The
 * request is recorded first; then auth-app's part — the Keycloak account (which ends its
 * sessions), the user's sockets on every chat server ({@code user.disabled}) and the profile —
 * and chat-app's part — rooms, messages, files, exports — run independently, each idempotent.
 * A part that fails (Keycloak away, a server stopping) is tried again every
 * {@code auth.erasure.retry-seconds} until it is done: the erasure converges, whatever stops
 * midway. The request is audited when asked and when complete.
 */
@ApplicationScoped
public class AccountErasures {

    private static final Logger LOG = Logger.getLogger(AccountErasures.class.getName());
    /** Long enough for Keycloak's slowest answer; a server stopping mid-part leaves it for this long. */
    private static final Duration LEASE = Duration.ofMinutes(1);
    /** The actor of records no person made: the erasure completing. */
    public static final String SYSTEM_ACTOR = "system:erasure";

    @Inject
    DataRequests requests;

    @Inject
    KeycloakClient keycloak;

    @Inject
    ProfileRepository profiles;

    @Inject
    UserEvents events;

    @Inject
    AuditLog audit;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "auth.erasure.max-sign-in-age-seconds", defaultValue = "600")
    long maxSignInAgeSeconds;

    @Inject
    @ConfigProperty(name = "auth.erasure.retry-seconds", defaultValue = "10")
    long retrySeconds;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        task = scheduler.scheduleWithFixedDelay(this::resume, retrySeconds, retrySeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /**
     * The caller erases their own account: only within a few minutes of signing in (a left-open
     * tab cannot). Keycloak away: the sign-in cannot be checked, and the answer is 503.
     */
    public DataRequest requestOwn(JsonWebToken caller) {
        Optional<DataRequest> existing = requests.erasureOf(caller.getSubject());
        if (existing.isPresent()) { // asked already: the session it was asked from may be gone with the account
            return existing.get();
        }
        Instant signedIn = signedIn(caller);
        if (signedIn == null || signedIn.isBefore(Instant.now().minusSeconds(maxSignInAgeSeconds))) {
            LOG.info(() -> "Erasure of " + caller.getSubject() + " refused: signed in " + (signedIn == null
                    ? "at an unknown time (session " + caller.getClaim("sid") + ")" : "at " + signedIn));
            throw AuthProblems.recentSignInRequired(maxSignInAgeSeconds);
        }
        return request(caller.getSubject(), caller.getSubject());
    }

    /** An administrator erases someone else's account (their own goes through their profile). */
    public DataRequest requestFor(String adminId, String userId) {
        if (adminId.equals(userId)) {
            throw AuthProblems.cannotEraseSelf();
        }
        Optional<DataRequest> existing = requests.erasureOf(userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (profiles.find(userId).isEmpty() && keycloak.user(userId).isEmpty()) {
            throw AuthProblems.userNotFound();
        }
        return request(adminId, userId);
    }

    private DataRequest request(String actorId, String userId) {
        Optional<DataRequest> existing = requests.erasureOf(userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        DataRequest request = requests.createErasure(userId, actorId);
        if (request.requestedBy().equals(actorId)) {
            audit.record(actorId, "user.erase", "user:" + userId, Map.of("request", request.id()));
            events.publish(UserEvent.erasureRequested(userId));
        }
        if (requests.claimAccountPart(request.id(), LEASE)) {
            accountPart(request);
        }
        return requests.find(request.id()).orElse(request);
    }

    /** Every erasure whose account part is still to do and nobody holds: the scheduler's round. */
    void resume() {
        try {
            for (int i = 0; i < 20; i++) {
                Optional<DataRequest> next = requests.claimAccountPart(LEASE);
                if (next.isEmpty()) {
                    return;
                }
                accountPart(next.get());
            }
        } catch (RuntimeException e) { // PostgreSQL away: the next round tries again
            LOG.log(Level.WARNING, "Erasures not resumed: " + e.getMessage(), e);
        }
    }

    /** auth-app's part; each step is idempotent, so a part cut off midway is done again from the start. */
    private void accountPart(DataRequest request) {
        String userId = request.userId();
        try {
            String username = profiles.find(userId).map(UserProfile::getUsername)
                    .or(() -> keycloak.user(userId).map(UserAccount::username)).orElse(null);
            keycloak.deleteUser(userId); // ends every session: no refresh token of theirs works any more
            events.publish(UserEvent.disabled(userId, username)); // every chat server closes their sockets
            profiles.delete(userId);
            if (requests.accountPartDone(request.id())) {
                completed(request);
            }
            LOG.info(() -> "Erasure " + request.id() + ": account of " + userId + " erased");
        } catch (RuntimeException e) {
            // the exception's class too: a guard's refusal may come without a message
            requests.accountPartLater(request.id(), Duration.ofSeconds(retrySeconds), e.toString());
            LOG.log(Level.WARNING, "Erasure " + request.id() + ": account of " + userId
                    + " not erased yet, trying again in " + retrySeconds + " s: " + e);
        }
    }

    private void completed(DataRequest request) {
        audit.record(SYSTEM_ACTOR, "user.erase.complete", "user:" + request.userId(), Map.of("request", request.id()));
    }

    // auth_time when the token has it (single sign-on); else the start of its Keycloak session
    // (sid), which a sign-in through auth-app's password grant begins and refreshing keeps
    private Instant signedIn(JsonWebToken caller) {
        Instant authTime = authTime(caller);
        if (authTime != null && authTime.getEpochSecond() > 0) { // an absent claim may read as 0
            return authTime;
        }
        Object sid = caller.getClaim("sid");
        String sessionId = sid instanceof JsonString text ? text.getString() : sid instanceof String text ? text : null;
        return sessionId == null ? null : keycloak.sessionStart(caller.getSubject(), sessionId).orElse(null);
    }

    // auth_time: when the person last typed their credentials (a refreshed token keeps it)
    static Instant authTime(JsonWebToken caller) {
        Object claim = caller.getClaim(Claims.auth_time.name());
        if (claim instanceof JsonNumber number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        if (claim instanceof Number number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        if (claim instanceof String text && text.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        return null;
    }
}
