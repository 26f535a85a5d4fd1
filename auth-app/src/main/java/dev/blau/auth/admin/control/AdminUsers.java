package dev.blau.auth.admin.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.events.control.UserEvents;
import dev.blau.auth.events.entity.UserEvent;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.keycloak.control.UserAccount;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.problem.ProblemException;

/**
 * An administrator disables or enables a user account in Keycloak. Disabling also ends every
 * Keycloak session of the user, so no refresh token of theirs works any more, and tells the
 * rest of the system ({@code user.disabled}) so the chat servers close the user's sockets.
 * Both are idempotent: doing it again changes nothing in Keycloak and tells the others again.
 * Each is audited once Keycloak did it (a failure in between is retried by the administrator,
 * which records it then).
 */
@ApplicationScoped
public class AdminUsers {

    private static final Logger LOG = Logger.getLogger(AdminUsers.class.getName());

    @Inject
    KeycloakClient keycloak;

    @Inject
    UserEvents events;

    @Inject
    AuditLog audit;

    public void disable(String adminId, String userId) {
        if (userId.equals(adminId)) {
            throw AuthProblems.cannotDisableSelf();
        }
        UserAccount user = existing(userId);
        if (!keycloak.setEnabled(userId, false)) {
            throw notFound();
        }
        try {
            keycloak.endSessions(userId);
        } finally {
            // the account is disabled whether or not its sessions could be ended yet
            events.publish(UserEvent.disabled(userId, user.username()));
            audit.record(adminId, "user.disable", "user:" + userId, Map.of("username", user.username()));
        }
        LOG.info(() -> "User " + userId + " disabled by administrator " + adminId);
    }

    public void enable(String adminId, String userId) {
        UserAccount user = existing(userId);
        if (!keycloak.setEnabled(userId, true)) {
            throw notFound();
        }
        events.publish(UserEvent.enabled(userId, user.username()));
        audit.record(adminId, "user.enable", "user:" + userId, Map.of("username", user.username()));
        LOG.info(() -> "User " + userId + " enabled by administrator " + adminId);
    }

    /** The realm roles BLAU gives meaning to, the ones an administrator sees in a listing. */
    public static final Set<String> BLAU_ROLES = Set.of("admin", "moderator", "mfa-required");
    /** What BLAU grants and revokes: its service account may map nothing else (least privilege). */
    public static final String GRANTABLE_ROLE = "moderator";

    /** A user as the administrators' list shows it, with the BLAU roles they hold. */
    @Schema(name = "AdminUser")
    public record Listed(String id, String username, String email, boolean enabled, Instant createdAt, Set<String> roles) {
    }

    /** A page of users matching {@code search}; their roles cost one Keycloak call each, so pages are small. */
    public List<Listed> list(String search, int first, int max) {
        return keycloak.users(search, first, max).stream().map(user -> {
            Set<String> roles = new TreeSet<>(keycloak.realmRoles(user.id()));
            roles.retainAll(BLAU_ROLES);
            return new Listed(user.id(), user.username(), user.email(), user.enabled(), user.createdAt(), roles);
        }).toList();
    }

    /** Grants ({@code on}) or revokes {@code role}; doing it again changes nothing and is recorded again. */
    public void mapRole(String adminId, String userId, String role, boolean on) {
        if (!GRANTABLE_ROLE.equals(role)) {
            throw AuthProblems.roleNotManaged(role);
        }
        UserAccount user = existing(userId);
        switch (keycloak.mapRealmRole(userId, role, on)) {
            case NO_USER -> throw notFound();
            case NOT_ALLOWED -> throw AuthProblems.roleRefusedByKeycloak(role, on);
            case DONE -> { }
        }
        audit.record(adminId, on ? "user.role.grant" : "user.role.revoke", "user:" + userId,
                Map.of("username", user.username(), "role", role));
        LOG.info(() -> "Role " + role + (on ? " granted to " : " revoked from ") + userId + " by administrator " + adminId);
    }

    private UserAccount existing(String userId) {
        return keycloak.user(userId).orElseThrow(AdminUsers::notFound);
    }

    private static ProblemException notFound() {
        return AuthProblems.userNotFound();
    }
}
