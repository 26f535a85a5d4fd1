package dev.blau.chat.access.boundary;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.access.control.IdentityTokens;
import dev.blau.chat.callers.UserRef;
import dev.blau.chat.events.control.ChatEvents;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;

/**
 * OpenID Connect Back-Channel Logout 1.0: Keycloak posts a signed logout token here when a
 * session ends (sign-out, an administrator ending it). The session's sockets close on every
 * chat server: the end goes out as a chat event, and this answers 200 once Kafka has it.
 * Public, because Keycloak calls it without a bearer token; the logout token is the proof.
 */
@Path("oidc/backchannel-logout")
@PermitAll
@RequestScoped
@Tag(name = "websocket")
public class BackchannelLogoutResource {

    private static final Logger LOG = Logger.getLogger(BackchannelLogoutResource.class.getName());
    private static final long PUBLISH_TIMEOUT_SECONDS = 5;

    @Inject
    IdentityTokens tokens;

    @Inject
    ChatEvents events;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Back-channel logout (called by Keycloak): closes every socket of the ended session")
    @APIResponse(responseCode = "200", description = "The session ends on every chat server")
    public Response logout(MultivaluedMap<String, String> form) throws InterruptedException {
        // the form read as the entity: @FormParam comes back empty once a filter wrapped the entity stream
        String logoutToken = form == null ? null : form.getFirst("logout_token");
        IdentityTokens.Logout logout;
        try {
            logout = tokens.logout(logoutToken);
        } catch (IdentityTokens.InvalidTokenException e) {
            LOG.warning(() -> "Back-channel logout refused: " + e.getMessage());
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "invalid-logout-token",
                    "The logout token was refused: " + e.getMessage()));
        }
        UserRef user = new UserRef(logout.userId(), logout.userId(), logout.userId());
        CompletableFuture<Void> taken = new CompletableFuture<>();
        events.publish(ChatEvent.sessionEnded(user, logout.sessionId()), () -> taken.complete(null),
                () -> taken.completeExceptionally(new IllegalStateException("Kafka did not take it")));
        try {
            taken.get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning(() -> "Session end of " + logout.userId() + " not fanned out: " + e.getMessage());
            throw new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "fan-out-unavailable",
                    "The session end could not be passed on to the chat servers; try again."));
        }
        LOG.fine(() -> "Session " + logout.sessionId() + " of " + logout.userId() + " ended");
        return Response.ok().header("Cache-Control", "no-store").build();
    }
}
