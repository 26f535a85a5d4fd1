package dev.blau.auth.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.blau.auth.events.control.UserEvents;
import dev.blau.auth.events.entity.UserEvent;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.keycloak.control.KeycloakUnavailableException;
import dev.blau.auth.keycloak.control.UserAccount;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.audit.AuditRecord;
import dev.blau.common.problem.ProblemException;

class AdminUsersTest {

    static final String ADMIN = "admin-id";
    static final String BOB = "bob-id";

    /** What reached Keycloak and Kafka, in order. */
    final List<String> calls = new ArrayList<>();
    final Map<String, UserAccount> accounts = new HashMap<>();
    final List<UserEvent> published = new ArrayList<>();
    boolean keycloakFailsToEndSessions;

    final AdminUsers users = new AdminUsers();

    @BeforeEach
    void aKeycloakWithBobAndAKafka() {
        accounts.put(BOB, new UserAccount(BOB, "bob", true));
        users.keycloak = new KeycloakClient() {
            @Override
            public Optional<UserAccount> user(String id) {
                return Optional.ofNullable(accounts.get(id));
            }

            @Override
            public boolean setEnabled(String id, boolean enabled) {
                calls.add("enabled=" + enabled + " " + id);
                UserAccount account = accounts.get(id);
                if (account != null) {
                    accounts.put(id, new UserAccount(id, account.username(), enabled));
                }
                return account != null;
            }

            @Override
            public void endSessions(String id) {
                calls.add("end sessions " + id);
                if (keycloakFailsToEndSessions) {
                    throw new KeycloakUnavailableException("Keycloak answered HTTP 503", null);
                }
            }
        };
        users.events = new UserEvents() {
            @Override
            public void publish(UserEvent event) {
                calls.add(event.type() + " " + event.userId());
                published.add(event);
            }
        };
        users.audit = new AuditLog() {
            @Override
            public AuditRecord record(String actorId, String action, String target, Map<String, ?> details) {
                calls.add("audit " + action + " " + target + " by " + actorId + " " + details);
                return null;
            }
        };
    }

    @Test
    void disablingTurnsTheAccountOffThenEndsItsSessionsThenTellsTheOthers() {
        users.disable(ADMIN, BOB);

        assertEquals(List.of("enabled=false bob-id", "end sessions bob-id", "user.disabled bob-id",
                "audit user.disable user:bob-id by admin-id {username=bob}"), calls);
        assertEquals("bob", published.get(0).username());
        assertEquals(false, accounts.get(BOB).enabled());
    }

    @Test
    void enablingTurnsTheAccountOnAndTellsTheOthers() {
        users.disable(ADMIN, BOB);
        calls.clear();

        users.enable(ADMIN, BOB);

        assertEquals(List.of("enabled=true bob-id", "user.enabled bob-id",
                "audit user.enable user:bob-id by admin-id {username=bob}"), calls);
        assertEquals(true, accounts.get(BOB).enabled());
    }

    @Test
    void anAdministratorCannotDisableThemselvesAndNothingHappens() {
        accounts.put(ADMIN, new UserAccount(ADMIN, "root", true));

        ProblemException refused = assertThrows(ProblemException.class, () -> users.disable(ADMIN, ADMIN));

        assertEquals(409, refused.problem().status());
        assertEquals("https://blau.dev/problems/cannot-disable-self", refused.problem().type().toString());
        assertEquals(List.of(), calls);
    }

    @Test
    void anUnknownUserIsNotFoundForBothAndNothingIsPublished() {
        ProblemException disable = assertThrows(ProblemException.class, () -> users.disable(ADMIN, "nobody"));
        ProblemException enable = assertThrows(ProblemException.class, () -> users.enable(ADMIN, "nobody"));

        assertEquals(404, disable.problem().status());
        assertEquals(404, enable.problem().status());
        assertEquals("https://blau.dev/problems/user-not-found", disable.problem().type().toString());
        assertEquals(List.of(), published);
    }

    @Test
    void aUserDeletedBetweenLookUpAndChangeIsNotFoundAndNothingIsPublished() {
        users.keycloak = new KeycloakClient() {
            @Override
            public Optional<UserAccount> user(String id) {
                return Optional.of(new UserAccount(id, "gone", true));
            }

            @Override
            public boolean setEnabled(String id, boolean enabled) {
                return false;
            }
        };

        ProblemException refused = assertThrows(ProblemException.class, () -> users.disable(ADMIN, BOB));

        assertEquals(404, refused.problem().status());
        assertEquals(List.of(), published);
    }

    @Test
    void aDisabledAccountIsAnnouncedEvenWhenItsSessionsCouldNotBeEndedYet() {
        keycloakFailsToEndSessions = true;

        assertThrows(KeycloakUnavailableException.class, () -> users.disable(ADMIN, BOB));

        assertEquals(List.of("enabled=false bob-id", "end sessions bob-id", "user.disabled bob-id",
                "audit user.disable user:bob-id by admin-id {username=bob}"), calls);
    }
}
