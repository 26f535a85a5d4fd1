package dev.blau.chat.users.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.callers.Caller;

/** {@code GET /api/v1/chat/me}: who the chat takes the caller for — a bot learns its own id here. */
@Path("me")
@DenyAll
@RequestScoped
@Tag(name = "rooms")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "bot")
public class MeResource {

    @Inject
    Caller caller;

    /** {@code {"id","username","displayName","bot"}} */
    @Schema(name = "Me")
    public record Me(String id, String username, String displayName, boolean bot) {
    }

    @GET
    @RolesAllowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller as the chat knows them: id, names, and whether a bot")
    public Me me() {
        return new Me(caller.id(), caller.username(), caller.displayName(), caller.bot());
    }
}
