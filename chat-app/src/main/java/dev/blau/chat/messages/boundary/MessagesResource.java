package dev.blau.chat.messages.boundary;

import java.util.List;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.control.Messages;
import dev.blau.chat.messages.entity.Message;

@Path("rooms/{id}/messages")
@DenyAll
@RequestScoped
@Tag(name = "messages")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "bot")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    @Inject
    Caller caller;

    @Inject
    Messages messages;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed("user")
    @Operation(summary = "History by cursor: before=SEQ pages back (newest first), after=SEQ catches up (oldest first)")
    public MessagePage history(@PathParam("id") String roomId,
                               @QueryParam("before") @PositiveOrZero(message = "must not be negative") Long before,
                               @QueryParam("after") @PositiveOrZero(message = "must not be negative") Long after,
                               @QueryParam("limit") @DefaultValue("50") @Min(value = 1, message = "must be 1 to 100")
                               @Max(value = Messages.MAX_PAGE, message = "must be 1 to 100") int limit) {
        if (before != null && after != null) {
            throw ChatProblems.invalid("after", "give before or after, not both");
        }
        // one more than asked tells whether there is more
        List<Message> found = messages.page(caller.id(), roomId, before, after, limit + 1);
        return page(found, limit);
    }

    private MessagePage page(List<Message> found, int limit) {
        boolean hasMore = found.size() > limit;
        return new MessagePage((hasMore ? found.subList(0, limit) : found).stream().map(m -> m.seenBy(caller.id()))
                .toList(), hasMore);
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message; 201 once it is stored. The same clientMsgId again answers the same, storing nothing")
    @APIResponse(responseCode = "201", description = "The message as stored (the same clientMsgId again: the same message)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public Response send(@PathParam("id") String roomId, @Valid @NotNull NewMessage body) {
        MessageStore.Appended appended = messages.send(caller, roomId, body.clientMsgId(), body.text(), body.replyToSeq(),
                body.attachments());
        Message message = appended.message();
        // a retry gets the very answer the first send got: the original message
        return Response.created(uriInfo.getAbsolutePathBuilder().queryParam("after", message.seq() - 1)
                        .queryParam("limit", 1).build())
                .entity(message).build();
    }

    @PATCH
    @Path("{seq}")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit one's own message; the same text again changes nothing")
    public Message edit(@PathParam("id") String roomId, @PathParam("seq") @PositiveOrZero long seq,
                       @Valid @NotNull MessageEdit body) {
        return messages.edit(caller, roomId, seq, body.text()).message().seenBy(caller.id());
    }

    @DELETE
    @Path("{seq}")
    @RolesAllowed("user")
    @Operation(summary = "Delete a message (author, room owner or moderator, admin): it stays as a tombstone with its seq")
    @APIResponse(responseCode = "204", description = "Deleted (a tombstone keeps its seq)")
    public Response delete(@PathParam("id") String roomId, @PathParam("seq") @PositiveOrZero long seq) {
        messages.delete(caller, roomId, seq);
        return Response.noContent().build();
    }

    @PUT
    @Path("{seq}/reactions/{emoji}")
    @RolesAllowed("user")
    @Operation(summary = "Add the caller's reaction (idempotent)")
    public Message react(@PathParam("id") String roomId, @PathParam("seq") @PositiveOrZero long seq,
                         @PathParam("emoji") String emoji) {
        return messages.react(caller, roomId, seq, emoji, true).message().seenBy(caller.id());
    }

    @DELETE
    @Path("{seq}/reactions/{emoji}")
    @RolesAllowed("user")
    @Operation(summary = "Take the caller's reaction back (idempotent)")
    public Message unreact(@PathParam("id") String roomId, @PathParam("seq") @PositiveOrZero long seq,
                           @PathParam("emoji") String emoji) {
        return messages.react(caller, roomId, seq, emoji, false).message().seenBy(caller.id());
    }

    @GET
    @Path("{seq}/replies")
    @RolesAllowed("user")
    @Operation(summary = "A thread: replies to the message, oldest first; after=SEQ of the last reply one has")
    public MessagePage replies(@PathParam("id") String roomId, @PathParam("seq") @PositiveOrZero long seq,
                               @QueryParam("after") @DefaultValue("0") @PositiveOrZero(message = "must not be negative") long after,
                               @QueryParam("limit") @DefaultValue("50") @Min(value = 1, message = "must be 1 to 100")
                               @Max(value = Messages.MAX_PAGE, message = "must be 1 to 100") int limit) {
        return page(messages.replies(caller.id(), roomId, seq, after, limit + 1), limit);
    }
}
