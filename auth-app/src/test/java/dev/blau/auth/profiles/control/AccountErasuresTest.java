package dev.blau.auth.profiles.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.blau.auth.events.control.UserEvents;
import dev.blau.auth.events.entity.UserEvent;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.keycloak.control.KeycloakUnavailableException;
import dev.blau.auth.keycloak.control.UserAccount;
import dev.blau.auth.profiles.entity.UserProfile;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.audit.AuditRecord;
import dev.blau.common.privacy.DataRequest;
import dev.blau.common.privacy.DataRequests;
import dev.blau.common.problem.ProblemException;

class AccountErasuresTest {

    static final String ANA = "ana-id";

    final List<String> calls = new ArrayList<>();
    final Map<String, DataRequest> ledger = new HashMap<>();
    boolean keycloakAway;
    final Map<String, Instant> sessions = new HashMap<>();

    final AccountErasures erasures = new AccountErasures();

    @BeforeEach
    void aKeycloakAProfileAndALedger() {
        erasures.maxSignInAgeSeconds = 600;
        erasures.retrySeconds = 10;
        erasures.keycloak = new KeycloakClient() {
            @Override
            public Optional<UserAccount> user(String id) {
                return Optional.of(new UserAccount(id, "ana", true));
            }

            @Override
            public Optional<Instant> sessionStart(String userId, String sessionId) {
                return Optional.ofNullable(sessions.get(sessionId));
            }

            @Override
            public void deleteUser(String id) {
                if (keycloakAway) {
                    throw new KeycloakUnavailableException("Keycloak is away", null);
                }
                calls.add("keycloak delete " + id);
            }
        };
        erasures.profiles = new ProfileRepository() {
            @Override
            public Optional<UserProfile> find(String id) {
                return Optional.of(new UserProfile(id, "ana", "ana@example.test", "Ana"));
            }

            @Override
            public void delete(String id) {
                calls.add("profile delete " + id);
            }
        };
        erasures.events = new UserEvents() {
            @Override
            public void publish(UserEvent event) {
                calls.add(event.type() + " " + event.userId());
            }
        };
        erasures.audit = new AuditLog() {
            @Override
            public AuditRecord record(String actorId, String action, String target, Map<String, ?> details) {
                calls.add("audit " + actorId + " " + action);
                return null;
            }
        };
        erasures.requests = new DataRequests() {
            @Override
            public Optional<DataRequest> erasureOf(String userId) {
                return Optional.ofNullable(ledger.get(userId));
            }

            @Override
            public DataRequest createErasure(String userId, String requestedBy) {
                DataRequest request = new DataRequest("r1", DataRequest.Kind.ERASURE, userId, requestedBy, Instant.now(),
                        null, null, null, null, null, 0, null, null, null, null, null);
                ledger.put(userId, request);
                return request;
            }

            @Override
            public boolean claimAccountPart(String id, Duration lease) {
                return true;
            }

            @Override
            public Optional<DataRequest> find(String id) {
                return ledger.values().stream().filter(r -> r.id().equals(id)).findFirst();
            }

            @Override
            public boolean accountPartDone(String id) {
                calls.add("account part done");
                return false; // chat's part is still to come
            }

            @Override
            public void accountPartLater(String id, Duration delay, String error) {
                calls.add("account part in " + delay.toSeconds() + " s");
            }
        };
    }

    @Test
    void anOwnErasureNeedsARecentSignIn() {
        for (JsonWebToken stale : List.of(token(Instant.now().minusSeconds(601)), token(null))) {
            ProblemException refused = assertThrows(ProblemException.class, () -> erasures.requestOwn(stale));
            assertEquals(403, refused.problem().status());
            assertTrue(refused.problem().type().toString().endsWith("/recent-sign-in-required"));
        }
        assertEquals(List.of(), calls, "nothing recorded, nothing erased");
    }

    @Test
    void withoutAuthTimeTheKeycloakSessionSaysWhenTheySignedIn() {
        sessions.put("old", Instant.now().minusSeconds(3600));
        sessions.put("new", Instant.now().minusSeconds(5));
        for (String stale : List.of("old", "ended")) {
            ProblemException refused = assertThrows(ProblemException.class, () -> erasures.requestOwn(session(stale)));
            assertEquals(403, refused.problem().status(), stale);
            refused = assertThrows(ProblemException.class, () -> erasures.requestOwn(claims(Instant.EPOCH, stale)));
            assertEquals(403, refused.problem().status(), stale);
        }
        assertEquals(ANA, erasures.requestOwn(claims(Instant.EPOCH, "new")).userId(), "an auth_time of 0 is none");
    }

    @Test
    void theAccountPartDeletesKeycloakUserClosesSocketsAndRemovesTheProfile() {
        DataRequest request = erasures.requestOwn(token(Instant.now().minusSeconds(30)));

        assertEquals(ANA, request.userId());
        assertEquals(List.of("audit " + ANA + " user.erase", "user.erasure.requested " + ANA, "keycloak delete " + ANA,
                "user.disabled " + ANA, "profile delete " + ANA, "account part done"), calls);
    }

    @Test
    void keycloakAwayLeavesTheAccountPartForTheNextRound_andAskingAgainFindsTheSameErasure() {
        keycloakAway = true;
        DataRequest first = erasures.requestOwn(token(Instant.now()));

        assertEquals(List.of("audit " + ANA + " user.erase", "user.erasure.requested " + ANA, "account part in 10 s"), calls);
        assertEquals("pending", first.state(Instant.now()));
        calls.clear();
        assertEquals(first.id(), erasures.requestOwn(token(Instant.now())).id());
        assertEquals(List.of(), calls, "the erasure under way, not a second one");
    }

    @Test
    void administratorsEraseOthersButNotThemselves() {
        ProblemException self = assertThrows(ProblemException.class, () -> erasures.requestFor("adm", "adm"));
        assertEquals(409, self.problem().status());
        assertEquals(ANA, erasures.requestFor("adm", ANA).userId());
        assertTrue(calls.contains("audit adm user.erase"), calls::toString);
    }

    private static JsonWebToken session(String sid) {
        return claims(null, sid);
    }

    private static JsonWebToken token(Instant authTime) {
        return claims(authTime, null);
    }

    private static JsonWebToken claims(Instant authTime, String sid) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "ana";
            }

            @Override
            public Set<String> getClaimNames() {
                return authTime == null ? Set.of("sub") : Set.of("sub", "auth_time");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return switch (name) {
                    case "sub" -> (T) ANA;
                    case "auth_time" -> authTime == null ? null : (T) Json.createValue(authTime.getEpochSecond());
                    case "sid" -> sid == null ? null : (T) Json.createValue(sid);
                    default -> null;
                };
            }

            @Override
            public String getSubject() {
                return ANA;
            }
        };
    }
}
