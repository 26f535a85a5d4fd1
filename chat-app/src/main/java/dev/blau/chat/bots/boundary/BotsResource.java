package dev.blau.chat.bots.boundary;

import java.util.List;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.bots.control.Bots;
import dev.blau.chat.callers.Caller;

/**
 * {@code /api/v1/chat/admin/bots}: bot accounts, for administrators. The token of a new bot is
 * in the answer to its creation and nowhere else; a bot that lost it is revoked and made anew.
 * A bot calls the chat API with {@code Authorization: Bot <token>} in the rooms it was added to.
 */
@Path("admin/bots")
@DenyAll
@RequestScoped
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class BotsResource {

    @Inject
    Caller caller;

    @Inject
    Bots bots;

    @Context
    UriInfo uriInfo;

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a bot; the answer holds its token, shown this once")
    @APIResponse(responseCode = "201", description = "The bot, with its token (shown this once); Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Bots.Created.class)))
    public Response create(@Valid @NotNull NewBot body) {
        Bots.Created bot = bots.create(caller, body.username(), body.displayName());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(bot.id()).build())
                .header("Cache-Control", "no-store")
                .entity(bot).build();
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Every bot, revoked ones too, oldest first")
    public List<Bots.Listed> list() {
        return bots.list();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Revoke a bot: its token stops working and its sockets close on every chat server")
    @APIResponse(responseCode = "204", description = "Revoked; its sockets close on every chat server")
    public Response revoke(@PathParam("id") String botId) throws InterruptedException {
        bots.announceRevocation(bots.revoke(caller, botId));
        return Response.noContent().build();
    }
}
