package dev.blau.chat.hooks.boundary;

import java.net.URI;
import java.util.List;
import java.util.Map;

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

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.blau.chat.callers.Caller;
import dev.blau.chat.hooks.control.IncomingHooks;

/** {@code /rooms/{id}/incoming-hooks}: a room's incoming webhooks, for its owner and moderators. */
@Path("rooms/{id}/incoming-hooks")
@DenyAll
@RequestScoped
@Tag(name = "integrations")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class IncomingHooksResource {

    @Inject
    Caller caller;

    @Inject
    IncomingHooks hooks;

    @Context
    UriInfo uriInfo;

    /** {@code {"id","roomId","name","url","secret","createdAt"}}: the secret is never shown again. */
    @Schema(name = "CreatedIncomingHook")
    public record CreatedHook(String id, String roomId, String name, URI url, String secret, java.time.Instant createdAt) {
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an incoming webhook (owner or moderator); the answer holds its URL and secret, shown this once")
    @APIResponse(responseCode = "201", description = "The hook with its URL and secret (shown this once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedHook.class)))
    public Response create(@PathParam("id") String roomId, @Valid @NotNull NewHook body) {
        IncomingHooks.Created hook = hooks.create(caller, roomId, body.name().strip());
        URI url = uriInfo.getBaseUriBuilder().path("hooks").path(hook.id()).build();
        return Response.created(uriInfo.getAbsolutePathBuilder().path(hook.id()).build())
                .header("Cache-Control", "no-store")
                .entity(new CreatedHook(hook.id(), hook.roomId(), hook.name(), url, hook.secret(), hook.createdAt()))
                .build();
    }

    @GET
    @RolesAllowed("user")
    @Operation(summary = "The room's incoming webhooks (owner or moderator), without their secrets")
    public Map<String, List<IncomingHooks.Listed>> list(@PathParam("id") String roomId) {
        return Map.of("hooks", hooks.list(caller, roomId));
    }

    @DELETE
    @Path("{hookId}")
    @RolesAllowed("user")
    @Operation(summary = "Delete an incoming webhook (owner or moderator); its URL stops working at once")
    @APIResponse(responseCode = "204", description = "Deleted: its URL answers 404 from now on")
    public Response delete(@PathParam("id") String roomId, @PathParam("hookId") String hookId) {
        hooks.delete(caller, roomId, hookId);
        return Response.noContent().build();
    }
}
