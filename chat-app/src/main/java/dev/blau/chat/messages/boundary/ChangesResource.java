package dev.blau.chat.messages.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.callers.Caller;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.control.Messages;

/** What changed in a room since a version: how a client that was away catches up on edits, deletions, reactions. */
@Path("rooms/{id}/changes")
@DenyAll
@RequestScoped
@Tag(name = "messages")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "bot")
@Produces(MediaType.APPLICATION_JSON)
public class ChangesResource {

    @Inject
    Caller caller;

    @Inject
    Messages messages;

    @GET
    @RolesAllowed("user")
    @Operation(summary = "The current state of every message changed after sinceVersion; ask again from version while hasMore")
    public ChangePage changes(@PathParam("id") String roomId,
                              @QueryParam("sinceVersion") @DefaultValue("0") @PositiveOrZero(message = "must not be negative") long sinceVersion,
                              @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "must be 1 to 100")
                              @Max(value = Messages.MAX_PAGE, message = "must be 1 to 100") int limit) {
        MessageStore.ChangePage page = messages.changes(caller.id(), roomId, sinceVersion, limit);
        return new ChangePage(page.messages().stream().map(m -> m.seenBy(caller.id())).toList(), page.version(),
                page.hasMore());
    }
}
