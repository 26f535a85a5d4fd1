package dev.blau.chat.hooks.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.hooks.control.HookSignatures;
import dev.blau.chat.hooks.control.IncomingHooks;
import dev.blau.chat.messages.control.MessageStore;

/**
 * {@code POST /api/v1/chat/hooks/{id}}: another program posts into a room. Public, because the
 * caller has no BLAU account; the signature over the timestamp and body is the proof.
 */
@Path("hooks/{id}")
@PermitAll
@RequestScoped
@Tag(name = "integrations")
public class HookPostResource {

    @Inject
    IncomingHooks hooks;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post {\"text\",\"username\"?} into the hook's room; signed with X-Blau-Timestamp and X-Blau-Signature. "
            + "201 and the message; the same request (or Idempotency-Key) again answers the same message")
    @APIResponse(responseCode = "201", description = "The message (the same request again: the same message)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = dev.blau.chat.messages.entity.Message.class)))
    public Response post(@PathParam("id") String hookId,
                         @HeaderParam(HookSignatures.TIMESTAMP_HEADER) String timestamp,
                         @HeaderParam(HookSignatures.SIGNATURE_HEADER) String signature,
                         @HeaderParam("Idempotency-Key") String idempotencyKey,
                         byte[] body) {
        MessageStore.Appended appended = hooks.post(hookId, timestamp, signature, idempotencyKey, body == null ? new byte[0] : body);
        return Response.status(Response.Status.CREATED).entity(appended.message()).build();
    }
}
