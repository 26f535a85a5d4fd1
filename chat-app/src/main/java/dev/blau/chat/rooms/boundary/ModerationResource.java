package dev.blau.chat.rooms.boundary;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.callers.Caller;
import dev.blau.chat.rooms.control.RoomModeration;

/** Bans and mutes of a room's members, by its owner and moderators. */
@Path("")
@DenyAll
@RequestScoped
@Tag(name = "moderation")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ModerationResource {

    @Inject
    Caller caller;

    @Inject
    RoomModeration moderation;

    @POST
    @Path("rooms/{id}/bans")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ban a user: removed at once, refused rejoining and invitations until the ban ends")
    @APIResponse(responseCode = "201", description = "The ban (a second ban of the same user replaces the first)")
    @APIResponse(responseCode = "400", description = "Oneself, or an end in the past or beyond ten years")
    @APIResponse(responseCode = "403", description = "Not the owner or a moderator; a moderator banning a moderator")
    @APIResponse(responseCode = "409", description = "The owner, or a direct-message room")
    public Response ban(@PathParam("id") String roomId, @Valid @NotNull NewBan body) {
        RoomModeration.Sanction ban = moderation.ban(caller, roomId, body.userId(), body.reason(), body.until());
        return Response.status(Response.Status.CREATED).entity(ban).build();
    }

    @GET
    @Path("rooms/{id}/bans")
    @RolesAllowed("user")
    @Operation(summary = "The bans in force, newest first (owner and moderators)")
    public List<RoomModeration.Sanction> bans(@PathParam("id") String roomId) {
        return moderation.bans(caller, roomId);
    }

    @DELETE
    @Path("rooms/{id}/bans/{userId}")
    @RolesAllowed("user")
    @Operation(summary = "Lift a ban (also when there is none)")
    @APIResponse(responseCode = "204", description = "No ban any more")
    @APIResponse(responseCode = "204", description = "No ban any more")
    public Response unban(@PathParam("id") String roomId, @PathParam("userId") String userId) {
        moderation.unban(caller, roomId, userId);
        return Response.noContent().build();
    }

    @POST
    @Path("rooms/{id}/mutes")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mute a member: their sends, uploads and edits refused until the mute ends")
    @APIResponse(responseCode = "201", description = "The mute (a second mute of the same user replaces the first)")
    @APIResponse(responseCode = "400", description = "Oneself, not a member, or an end in the past or beyond ten years")
    @APIResponse(responseCode = "403", description = "Not the owner or a moderator; a moderator muting a moderator")
    @APIResponse(responseCode = "409", description = "The owner, or a direct-message room")
    public Response mute(@PathParam("id") String roomId, @Valid @NotNull NewMute body) {
        RoomModeration.Sanction mute = moderation.mute(caller, roomId, body.userId(), body.until());
        return Response.status(Response.Status.CREATED).entity(mute).build();
    }

    @GET
    @Path("rooms/{id}/mutes")
    @RolesAllowed("user")
    @Operation(summary = "The mutes in force, newest first (owner and moderators)")
    public List<RoomModeration.Sanction> mutes(@PathParam("id") String roomId) {
        return moderation.mutes(caller, roomId);
    }

    @DELETE
    @Path("rooms/{id}/mutes/{userId}")
    @RolesAllowed("user")
    @Operation(summary = "Lift a mute (also when there is none)")
    @APIResponse(responseCode = "204", description = "Not muted any more")
    @APIResponse(responseCode = "204", description = "No mute any more")
    public Response unmute(@PathParam("id") String roomId, @PathParam("userId") String userId) {
        moderation.unmute(caller, roomId, userId);
        return Response.noContent().build();
    }
}
