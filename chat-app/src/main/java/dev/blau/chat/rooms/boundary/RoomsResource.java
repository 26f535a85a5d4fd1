package dev.blau.chat.rooms.boundary;

import java.util.List;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.rooms.control.RoomCursor;
import dev.blau.chat.rooms.control.RoomViews;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.rooms.entity.Role;
import dev.blau.chat.rooms.entity.Room;
import dev.blau.chat.rooms.entity.RoomView;
import dev.blau.chat.rooms.entity.Visibility;

@Path("")
@DenyAll
@RequestScoped
@Tag(name = "rooms")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "bot")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    @Inject
    Caller caller;

    @Inject
    Rooms rooms;

    @Inject
    RoomViews views;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("rooms")
    @RolesAllowed("user")
    @Operation(summary = "Every room the caller belongs to, most recent activity first")
    public List<RoomView> list() {
        return views.list(caller);
    }

    @GET
    @Path("rooms/public")
    @RolesAllowed("user")
    @Operation(summary = "Public rooms in name order, a page at a time; q: part of the name")
    public RoomViews.PublicRooms browse(@QueryParam("q") @Size(max = 80) String query,
                                        @QueryParam("after") @Size(max = 400) String after,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        RoomCursor cursor = after == null || after.isEmpty() ? null
                : RoomCursor.decode(after).orElseThrow(() -> ChatProblems.invalid("after", "is not a cursor this server gave"));
        String contains = query == null || query.isBlank() ? null : query.strip();
        return views.browse(caller, contains, cursor, limit);
    }

    @POST
    @Path("rooms")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a public or private room; the caller owns it")
    @APIResponse(responseCode = "201", description = "The room (details); Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoomView.class)))
    public Response create(@Valid @NotNull NewRoom body) {
        Room room = rooms.create(caller, body.name().strip(), body.description(), Visibility.fromWire(body.visibility()),
                body.members());
        return created(room);
    }

    @POST
    @Path("direct")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The direct-message room with a user, created on first use")
    @APIResponse(responseCode = "201", description = "The direct-message room, the same one for both",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoomView.class)))
    public Response direct(@Valid @NotNull UserChoice body) {
        Room room = rooms.direct(caller, body.userId());
        return created(room);
    }

    @GET
    @Path("rooms/{id}")
    @RolesAllowed("user")
    @Operation(summary = "Room details: members with roles and presence, online count")
    public RoomView details(@PathParam("id") String roomId) {
        return views.details(caller, roomId);
    }

    @PUT
    @Path("rooms/{id}")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename, describe or change the visibility of a room (owner or moderator)")
    public RoomView update(@PathParam("id") String roomId, @Valid @NotNull RoomUpdate body) {
        rooms.update(caller, roomId, body.name() == null ? null : body.name().strip(), body.description(),
                body.visibility() == null ? null : Visibility.fromWire(body.visibility()));
        return views.details(caller, roomId);
    }

    @DELETE
    @Path("rooms/{id}")
    @RolesAllowed("user")
    @Operation(summary = "Delete a room (owner or admin); connected members are told live")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String roomId) {
        rooms.delete(caller, roomId);
        return Response.noContent().build();
    }

    @PUT
    @Path("rooms/{id}/members/me")
    @RolesAllowed("user")
    @Operation(summary = "Join a public room")
    public RoomView join(@PathParam("id") String roomId) {
        rooms.join(caller, roomId);
        return views.details(caller, roomId);
    }

    @DELETE
    @Path("rooms/{id}/members/me")
    @RolesAllowed("user")
    @Operation(summary = "Leave a room (an owner hands it to the longest-standing moderator or member)")
    @APIResponse(responseCode = "204", description = "Left")
    public Response leave(@PathParam("id") String roomId) {
        rooms.leave(caller, roomId);
        return Response.noContent().build();
    }

    @POST
    @Path("rooms/{id}/members")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user to a room (owner or moderator)")
    public RoomView invite(@PathParam("id") String roomId, @Valid @NotNull UserChoice body) {
        rooms.invite(caller, roomId, body.userId());
        return views.details(caller, roomId);
    }

    @PUT
    @Path("rooms/{id}/members/{userId}")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a member a moderator, or a moderator a member (owner)")
    public RoomView changeRole(@PathParam("id") String roomId, @PathParam("userId") String userId,
                               @Valid @NotNull RoleChange body) {
        rooms.changeRole(caller, roomId, userId, Role.fromWire(body.role()));
        return views.details(caller, roomId);
    }

    @DELETE
    @Path("rooms/{id}/members/{userId}")
    @RolesAllowed("user")
    @Operation(summary = "Remove a member (owner or moderator)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("id") String roomId, @PathParam("userId") String userId) {
        rooms.remove(caller, roomId, userId);
        return Response.noContent().build();
    }

    @PUT
    @Path("rooms/{id}/read")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark the room read up to a seq (the same as the mark_read frame)")
    @APIResponse(responseCode = "204", description = "Read up to seq")
    public Response markRead(@PathParam("id") String roomId, @Valid @NotNull ReadMark body) {
        rooms.markRead(caller.id(), roomId, body.seq());
        return Response.noContent().build();
    }

    @PUT
    @Path("rooms/{id}/notifications")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the caller is notified of in the room (all, mentions, none): details")
    public RoomView notifications(@PathParam("id") String roomId, @Valid @NotNull NotificationLevel body) {
        rooms.notifications(caller.id(), roomId, body.level());
        return views.details(caller, roomId);
    }

    private Response created(Room room) {
        return Response.created(uriInfo.getBaseUriBuilder().path("rooms").path(room.id()).build())
                .entity(views.details(caller, room.id()))
                .build();
    }
}
