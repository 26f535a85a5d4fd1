package dev.blau.chat.rooms.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.rooms.control.RoomCursor;
import dev.blau.chat.rooms.control.RoomViews;

/**
 * {@code /api/v1/chat/admin/rooms}: every public and private room, for administrators (direct
 * rooms are nobody's business). They delete one with {@code DELETE /rooms/{id}}, which lets an
 * administrator delete any room.
 */
@Path("admin/rooms")
@DenyAll
@RequestScoped
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRoomsResource {

    @Inject
    Caller caller;

    @Inject
    RoomViews views;

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Public and private rooms in name order, a page at a time; q: part of the name")
    public RoomViews.PublicRooms list(@QueryParam("q") @Size(max = 80) String query,
                                      @QueryParam("after") @Size(max = 400) String after,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        RoomCursor cursor = after == null || after.isEmpty() ? null
                : RoomCursor.decode(after).orElseThrow(() -> ChatProblems.invalid("after", "is not a cursor this server gave"));
        String contains = query == null || query.isBlank() ? null : query.strip();
        return views.browseAll(caller, contains, cursor, limit);
    }
}
