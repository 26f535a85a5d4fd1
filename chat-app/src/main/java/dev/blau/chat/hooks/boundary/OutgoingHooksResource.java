package dev.blau.chat.hooks.boundary;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import dev.blau.chat.callers.Caller;
import dev.blau.chat.hooks.control.HookDeliveries;
import dev.blau.chat.hooks.control.HookDeliveryLedger;
import dev.blau.chat.hooks.control.OutgoingHooks;

/** {@code /rooms/{id}/outgoing-hooks}: where a room's messages are POSTed, for its owner and moderators. */
@Path("rooms/{id}/outgoing-hooks")
@DenyAll
@RequestScoped
@Tag(name = "integrations")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class OutgoingHooksResource {

    @Inject
    Caller caller;

    @Inject
    OutgoingHooks hooks;

    @Inject
    HookDeliveries deliveries;

    @Context
    UriInfo uriInfo;

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an outgoing webhook (owner or moderator); the answer holds its signing secret, shown this once")
    @APIResponse(responseCode = "201", description = "The hook with its signing secret (shown this once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutgoingHooks.Created.class)))
    public Response create(@PathParam("id") String roomId, @Valid @NotNull NewOutgoingHook body) {
        OutgoingHooks.Created hook = hooks.create(caller, roomId, body.url(), body.trigger(), body.keyword());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(hook.id()).build())
                .header("Cache-Control", "no-store").entity(hook).build();
    }

    @GET
    @RolesAllowed("user")
    @Operation(summary = "The room's outgoing webhooks (owner or moderator), with their pending and failed deliveries counted")
    public Map<String, List<OutgoingHooks.Listed>> list(@PathParam("id") String roomId) {
        return Map.of("hooks", hooks.list(caller, roomId));
    }

    @DELETE
    @Path("{hookId}")
    @RolesAllowed("user")
    @Operation(summary = "Delete an outgoing webhook (owner or moderator), with its deliveries")
    @APIResponse(responseCode = "204", description = "Deleted, with its deliveries")
    public Response delete(@PathParam("id") String roomId, @PathParam("hookId") String hookId) {
        hooks.delete(caller, roomId, hookId);
        return Response.noContent().build();
    }

    @GET
    @Path("{hookId}/deliveries")
    @RolesAllowed("user")
    @Operation(summary = "A hook's deliveries in one state (failed by default), newest first")
    public Map<String, List<HookDeliveryLedger.Delivery>> deliveries(@PathParam("id") String roomId,
            @PathParam("hookId") String hookId,
            @QueryParam("state") @DefaultValue("failed")
            @Pattern(regexp = "pending|delivered|failed", message = "must be pending, delivered or failed") String state,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        return Map.of("deliveries", hooks.deliveries(caller, roomId, hookId, state, limit));
    }

    @POST
    @Path("{hookId}/deliveries/{deliveryId}/retry")
    @RolesAllowed("user")
    @Operation(summary = "Try a failed delivery again, now and for another hour of retries")
    @APIResponse(responseCode = "202", description = "Due again now")
    public Response retry(@PathParam("id") String roomId, @PathParam("hookId") String hookId,
                          @PathParam("deliveryId") long deliveryId) {
        hooks.retry(caller, roomId, hookId, deliveryId);
        deliveries.nudge();
        return Response.accepted().build();
    }
}
