package dev.blau.chat.privacy.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.files.control.BlobStore;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.privacy.DataRequest;
import dev.blau.common.privacy.DataRequests;
import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;

/** The archive of an export, for the person it is about and administrators, until it expires. */
@Path("exports")
@DenyAll
@RequestScoped
@Tag(name = "privacy")
@SecurityRequirement(name = "bearer")
public class ExportsResource {

    @Inject
    Caller caller;

    @Inject
    DataRequests requests;

    @Inject
    BlobStore blobs;

    @Inject
    AuditLog audit;

    @GET
    @Path("{id}/archive")
    @RolesAllowed("user")
    @Operation(summary = "Download an export of one's data: a ZIP of JSON (profile, memberships, messages, files)")
    @APIResponse(responseCode = "200", description = "The ZIP")
    @APIResponse(responseCode = "404", description = "No such export of the caller's data")
    @APIResponse(responseCode = "409", description = "export-not-ready: still being written")
    @APIResponse(responseCode = "410", description = "export-expired (or failed): ask for a new one")
    @APIResponse(responseCode = "200", description = "The ZIP of the export")
    public Response archive(@PathParam("id") String id) {
        DataRequest export = requests.find(id)
                .filter(r -> r.kind() == DataRequest.Kind.EXPORT)
                .filter(r -> r.userId().equals(caller.id()) || caller.admin())
                .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "export-not-found",
                        "There is no export with this id.")));
        Instant now = Instant.now();
        switch (export.state(now)) {
            case "pending" -> throw ChatProblems.conflict("export-not-ready",
                    "The export is still being written: try again in a moment.");
            case "ready" -> { }
            default -> throw new ProblemException(Problem.of(Response.Status.GONE, "export-expired",
                    "This export is no longer kept: ask for a new one."));
        }
        if (!export.userId().equals(caller.id())) {
            audit.record(caller.id(), "user.export.download", "user:" + export.userId(), Map.of("request", export.id()));
        }
        StreamingOutput body = out -> {
            try (InputStream in = blobs.open(export.archiveKey(), 0, -1)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new IOException("export " + export.id() + " not readable: " + e.getMessage(), e);
            }
        };
        String name = "blau-export-" + export.requestedAt().atZone(ZoneOffset.UTC).toLocalDate() + ".zip";
        Response.ResponseBuilder response = Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store");
        if (export.archiveSize() != null) {
            response.header(HttpHeaders.CONTENT_LENGTH, export.archiveSize());
        }
        return response.build();
    }
}
