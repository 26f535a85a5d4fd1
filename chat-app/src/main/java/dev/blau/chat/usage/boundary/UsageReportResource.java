package dev.blau.chat.usage.boundary;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.usage.control.Usage;

/** {@code /api/v1/chat/admin/reports/usage}: how much BLAU is used, per day, week or month (administrators). */
@Path("admin/reports/usage")
@DenyAll
@RequestScoped
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class UsageReportResource {

    /** {@code to} exclusive; one row per bucket, empty ones too. */
    public record Report(String bucket, LocalDate from, LocalDate to, List<Usage.Row> rows) {
    }

    @Inject
    Usage usage;

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Messages, active users, new users, rooms created and active rooms per bucket (UTC days);"
            + " from defaults to 30 days ago, to (exclusive) to tomorrow")
    @APIResponse(responseCode = "200", description = "{bucket, from, to, rows:[{start, messages, activeUsers, newUsers,"
            + " roomsCreated, activeRooms}]}")
    @APIResponse(responseCode = "400", description = "A bad date or bucket, from not before to, or more than 800 buckets")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Report report(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("bucket") @DefaultValue("day") String bucket) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = date("to", to, today.plusDays(1));
        LocalDate start = date("from", from, end.minusDays(30));
        Usage.Bucket unit;
        try {
            unit = Usage.Bucket.valueOf(bucket.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ChatProblems.invalid("bucket", "must be day, week or month");
        }
        if (!start.isBefore(end)) {
            throw ChatProblems.invalid("from", "must be before to");
        }
        if (Usage.buckets(start, end, unit) > Usage.MAX_BUCKETS) {
            throw ChatProblems.invalid("from", "a report has at most " + Usage.MAX_BUCKETS + " " + bucket + "s");
        }
        return new Report(unit.name().toLowerCase(Locale.ROOT), start, end, usage.report(start, end, unit));
    }

    private static LocalDate date(String name, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ChatProblems.invalid(name, "must be a date such as 2026-12-01");
        }
    }
}
