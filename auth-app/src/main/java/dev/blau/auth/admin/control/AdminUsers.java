package dev.blau.auth.admin.control;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import dev.blau.auth.events.control.UserEvents;
import dev.blau.auth.events.entity.UserEvent;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.keycloak.control.UserAccount;
import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;

/**
 * An administrator disables or enables a user account in Keycloak. Disabling also ends every
 * Keycloak session of the user, so no refresh token of theirs works any more, and tells the
 * rest of the system ({@code user.disabled}) so the chat servers close the user's sockets.
 * Both are idempotent: doing it again changes nothing in Keycloak and tells the others again.
 */
@ApplicationScoped
public class AdminUsers {

    private static final Logger LOG = Logger.getLogger(AdminUsers.class.getName());

    @Inject
    KeycloakClient keycloak;

    @Inject
    UserEvents events;

    public void disable(String adminId, String userId) {
        if (userId.equals(adminId)) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, "cannot-disable-self",
                    "Administrators cannot disable their own account."));
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
        }
        LOG.info(() -> "User " + userId + " disabled by administrator " + adminId);
    }

    public void enable(String adminId, String userId) {
        UserAccount user = existing(userId);
        if (!keycloak.setEnabled(userId, true)) {
            throw notFound();
        }
        events.publish(UserEvent.enabled(userId, user.username()));
        LOG.info(() -> "User " + userId + " enabled by administrator " + adminId);
    }

    private UserAccount existing(String userId) {
        return keycloak.user(userId).orElseThrow(AdminUsers::notFound);
    }

    private static ProblemException notFound() {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "user-not-found",
                "There is no user with this id."));
    }
}
