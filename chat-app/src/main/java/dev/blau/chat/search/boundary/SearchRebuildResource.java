package dev.blau.chat.search.boundary;

import java.util.Map;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.callers.Caller;
import dev.blau.chat.search.control.SearchRebuild;
import dev.blau.common.audit.AuditLog;

/** Administrators rebuild the search index from the message store. */
@Path("admin/search/rebuild")
@DenyAll
@RequestScoped
@Tag(name = "search")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SearchRebuildResource {

    @Inject
    SearchRebuild rebuild;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Starts rebuilding the search index from the message store on this server (202), or answers"
            + " the rebuild already running")
    @APIResponse(responseCode = "202", description = "Where the rebuild stands",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SearchRebuild.Progress.class)))
    public Response start() {
        SearchRebuild.Progress progress = rebuild.start();
        audit.record(caller.id(), "search.rebuild", "search", Map.of("startedAt", String.valueOf(progress.startedAt())));
        return Response.accepted(progress).build();
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Where the last rebuild on this server stands: idle, running, done or failed, with counts")
    public SearchRebuild.Progress progress() {
        return rebuild.progress();
    }
}
