package dev.blau.chat.messages.boundary;

import java.util.List;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.callers.Caller;
import dev.blau.chat.messages.control.Messages;
import dev.blau.chat.messages.entity.Message;

/** A room's pinned messages. */
@Path("rooms/{id}/pins")
@DenyAll
@RequestScoped
@Tag(name = "messages")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "bot")
@Produces(MediaType.APPLICATION_JSON)
public class PinsResource {

    @Inject
    Caller caller;

    @Inject
    Messages messages;

    @GET
    @RolesAllowed("user")
    @Operation(summary = "The room's pinned messages, most recently pinned first")
    public List<Message> pins(@PathParam("id") String roomId) {
        return messages.pins(caller.id(), roomId).stream().map(m -> m.seenBy(caller.id())).toList();
    }

    @PUT
    @Path("{seq}")
    @RolesAllowed("user")
    @Operation(summary = "Pin a message (owner, moderator)")
    public Message pin(@PathParam("id") String roomId, @PathParam("seq") @PositiveOrZero long seq) {
        return messages.pin(caller, roomId, seq, true).message().seenBy(caller.id());
    }

    @DELETE
    @Path("{seq}")
    @RolesAllowed("user")
    @Operation(summary = "Unpin a message (owner, moderator)")
    public Message unpin(@PathParam("id") String roomId, @PathParam("seq") @PositiveOrZero long seq) {
        return messages.pin(caller, roomId, seq, false).message().seenBy(caller.id());
    }
}
