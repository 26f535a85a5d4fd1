package dev.blau.chat.files.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.files.control.FileInspector;
import dev.blau.chat.files.control.Files;
import dev.blau.chat.files.entity.ChatFile;
import dev.blau.common.problem.OwnBodyLimit;

/**
 * Uploads to a room, and the files' bytes for the room's members. Every file is served with
 * {@code nosniff} and a sandboxing CSP; only the raster images a browser shows are inline,
 * everything else (HTML and SVG included) is a download.
 */
@Path("")
@DenyAll
@RequestScoped
@Tag(name = "files")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "bot")
public class FilesResource {

    /** Room for the multipart framing around the file when checking Content-Length against the limit. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    @Inject
    Caller caller;

    @Inject
    Files files;

    @POST
    @Path("rooms/{id}/files")
    @RolesAllowed("user")
    @OwnBodyLimit // counted against chat.max.file.bytes as it is read
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file (multipart field \"file\") to a room, to attach to a message; members only")
    @APIResponse(responseCode = "201", description = "The stored file",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = dev.blau.chat.messages.entity.Attachment.class)))
    public Response upload(@PathParam("id") String roomId, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                           @Context HttpServletRequest request) throws IOException {
        if (length != null && length > files.maxBytes() + MULTIPART_OVERHEAD) {
            throw ChatProblems.fileTooLarge(files.maxBytes()); // refused before a byte is stored
        }
        // streamed part by part from the request: the file goes to disk as it arrives, never whole into memory
        JakartaServletFileUpload<?, ?> multipart = new JakartaServletFileUpload<>();
        multipart.setHeaderCharset(StandardCharsets.UTF_8); // browsers write a file's name as UTF-8
        try {
            FileItemInputIterator parts = multipart.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (!part.isFormField() && "file".equals(part.getFieldName())) {
                    try (InputStream content = part.getInputStream()) {
                        ChatFile file = files.upload(caller, roomId, formFileName(part.getName()), content);
                        return Response.status(Response.Status.CREATED).entity(file.attachment())
                                .type(MediaType.APPLICATION_JSON).build();
                    }
                }
            }
        } catch (FileUploadException e) {
            throw ChatProblems.invalidFile("The body is not multipart/form-data this server reads: " + e.getMessage());
        }
        throw ChatProblems.invalidFile("Send the file as the multipart/form-data field \"file\".");
    }

    @GET
    @Path("files/{fileId}")
    @RolesAllowed("user")
    @Operation(summary = "A file's bytes (Range supported); members of its room only, else 404")
    @APIResponse(responseCode = "200", description = "The bytes, with the detected type")
    @APIResponse(responseCode = "206", description = "The range asked for")
    @APIResponse(responseCode = "416", description = "A range past the end")
    public Response download(@PathParam("fileId") String fileId, @HeaderParam("Range") String range)
            throws IOException {
        ChatFile file = files.readable(fileId, caller.id());
        boolean inline = FileInspector.isInlineImage(file.contentType());
        return serve(file.blobKey(), file.size(), file.contentType(), file.name(), inline, range);
    }

    @GET
    @Path("files/{fileId}/thumbnail")
    @RolesAllowed("user")
    @Operation(summary = "An image's thumbnail (at most 400 px, no metadata); members of its room only, else 404")
    @APIResponse(responseCode = "200", description = "The thumbnail (JPEG or PNG)")
    public Response thumbnail(@PathParam("fileId") String fileId) throws IOException {
        ChatFile file = files.readable(fileId, caller.id());
        if (!file.hasThumbnail()) {
            throw ChatProblems.fileNotFound();
        }
        String type = FileInspector.thumbnailType(file.contentType());
        return serve(file.thumbnailKey(), -1, type, "thumbnail-" + file.name(), true, null);
    }

    private Response serve(String key, long size, String type, String name, boolean inline, String rangeHeader)
            throws IOException {
        ByteRange range = size < 0 ? null : ByteRange.parse(rangeHeader, size);
        if (range != null && !range.satisfiable()) {
            return Response.status(416).header("Content-Range", "bytes */" + size).build();
        }
        long offset = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        InputStream content = files.open(key, offset, length);
        StreamingOutput body = out -> {
            try (content) {
                content.transferTo(out);
            }
        };
        Response.ResponseBuilder response = Response.status(range == null ? 200 : 206).entity(body)
                .type(type)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Content-Disposition", disposition(inline, name))
                .header("Cache-Control", "private, max-age=86400")
                .header("Accept-Ranges", "bytes");
        if (length >= 0) {
            response.header(HttpHeaders.CONTENT_LENGTH, length);
        }
        if (range != null) {
            response.header("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
        }
        return response.build();
    }

    /**
     * The name as the browser meant it: browsers write {@code "}, CR and LF in a form's file name
     * as {@code %22}, {@code %0D}, {@code %0A} (WHATWG HTML).
     */
    static String formFileName(String raw) {
        return raw == null ? "file" : raw.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
    }

    // RFC 6266: an ASCII fallback and the exact name in UTF-8
    static String disposition(boolean inline, String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\%]", "_");
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
