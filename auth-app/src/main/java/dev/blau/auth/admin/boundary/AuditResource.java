package dev.blau.auth.admin.boundary;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.auth.AuthProblems;
import dev.blau.common.audit.AuditLog;
import dev.blau.common.audit.AuditRecord;

/**
 * {@code /api/v1/admin/audit}: the audit log, for administrators to read, export and verify.
 * There is no route that changes or removes a record.
 */
@Path("admin")
@DenyAll
@RequestScoped
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
public class AuditResource {

    private static final String[] CSV_HEADER = {"id", "at", "actorId", "action", "target", "details", "prevHash", "hash"};

    @Inject
    JsonWebToken caller;

    @Inject
    AuditLog audit;

    @GET
    @Path("audit")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit records, newest first, filtered by actor, action and time; cursor paging")
    @APIResponse(responseCode = "200", description = "{records, nextCursor?}: pass nextCursor as cursor for the next page")
    @APIResponse(responseCode = "400", description = "A bad time or cursor")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public JsonObject list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("cursor") @Min(1) Long cursor,
                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        AuditLog.Page page = audit.page(filter(actor, action, from, to), cursor, limit);
        JsonArrayBuilder records = Json.createArrayBuilder();
        page.records().forEach(r -> records.add(json(r)));
        JsonObjectBuilder body = Json.createObjectBuilder().add("records", records);
        if (page.nextCursor() != null) {
            body.add("nextCursor", page.nextCursor());
        }
        return body.build();
    }

    @GET
    @Path("audit.csv")
    @RolesAllowed("admin")
    @Produces("text/csv")
    @Operation(summary = "The audit records matching the filters as CSV, oldest first (the export is itself audited)")
    @APIResponse(responseCode = "200", description = "text/csv with a header row")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Response csv(@QueryParam("actor") String actor, @QueryParam("action") String action,
                        @QueryParam("from") String from, @QueryParam("to") String to) {
        AuditLog.Filter filter = filter(actor, action, from, to);
        Map<String, String> asked = new LinkedHashMap<>(); // empty filters are left out of the record
        asked.put("actor", blankToNull(actor));
        asked.put("action", blankToNull(action));
        asked.put("from", blankToNull(from));
        asked.put("to", blankToNull(to));
        audit.record(caller.getSubject(), "audit.export", "audit", asked);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get().print(writer)) {
                audit.each(filter, r -> {
                    try {
                        printer.printRecord(r.id(), r.at(), r.actorId(), r.action(), r.target(), r.details(),
                                r.prevHash(), r.hash());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit.csv\"").build();
    }

    @GET
    @Path("audit/verify")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Walks the whole chain: valid, or the first record that breaks it and why")
    @APIResponse(responseCode = "200", description = "{valid, records, firstBroken?, reason?}")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public JsonObject verify() {
        AuditLog.Verification verification = audit.verify();
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("valid", verification.valid())
                .add("records", verification.records());
        if (verification.firstBroken() != null) {
            body.add("firstBroken", verification.firstBroken()).add("reason", verification.reason());
        }
        return body.build();
    }

    private static JsonObject json(AuditRecord r) {
        JsonObject details;
        try (JsonReader reader = Json.createReader(new StringReader(r.details()))) {
            details = reader.readObject();
        }
        return Json.createObjectBuilder()
                .add("id", r.id())
                .add("at", r.at().toString())
                .add("actorId", r.actorId())
                .add("action", r.action())
                .add("target", r.target())
                .add("details", details)
                .add("prevHash", r.prevHash())
                .add("hash", r.hash())
                .build();
    }

    private static AuditLog.Filter filter(String actor, String action, String from, String to) {
        return new AuditLog.Filter(blankToNull(actor), blankToNull(action), instant("from", from), instant("to", to));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw AuthProblems.invalidInstant(name);
        }
    }
}
