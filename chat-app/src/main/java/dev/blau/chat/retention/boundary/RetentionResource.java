package dev.blau.chat.retention.boundary;

import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.retention.control.RetentionPolicy;
import dev.blau.chat.retention.control.RetentionSweep;
import dev.blau.chat.rooms.control.Rooms;
import dev.blau.chat.rooms.entity.Role;
import dev.blau.common.audit.AuditLog;

/**
 * How long messages are kept: every room's (administrators), one room's (its owner). Messages
 * past it become tombstones, a bounded batch per sweep (docs/administration.md).
 */
@Path("")
@DenyAll
@RequestScoped
@Tag(name = "retention")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    @Inject
    Caller caller;

    @Inject
    RetentionPolicy policy;

    @Inject
    RetentionSweep sweep;

    @Inject
    Rooms rooms;

    @Inject
    AuditLog audit;

    @GET
    @Path("admin/retention")
    @RolesAllowed("admin")
    @Operation(summary = "Every room's retention in days (null: messages are kept for good)")
    public Map<String, Integer> global() {
        return days("days", policy.globalDays());
    }

    @PUT
    @Path("admin/retention")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Set every room's retention: 1 to 3650 days, or null for good; audited")
    public Map<String, Integer> setGlobal(@Valid @NotNull RetentionDays body) {
        Integer before = policy.globalDays();
        policy.setGlobalDays(body.days());
        audit.record(caller.id(), "retention.global", "retention", changes(before, body.days()));
        return days("days", body.days());
    }

    @POST
    @Path("admin/retention/sweep")
    @RolesAllowed("admin")
    @Operation(summary = "Run a sweep now on this server (one bounded batch): {rooms, messages} it expired")
    public RetentionSweep.Outcome sweepNow() {
        return sweep.sweep();
    }

    @GET
    @Path("rooms/{id}/retention")
    @RolesAllowed("user")
    @Operation(summary = "The room's own retention, every room's, and the one that applies (the shorter)")
    public Map<String, Integer> room(@PathParam("id") String roomId) {
        rooms.member(roomId, caller.id());
        Integer own = policy.roomDays(roomId);
        Integer global = policy.globalDays();
        Map<String, Integer> body = days("days", own);
        body.put("globalDays", global);
        body.put("effectiveDays", RetentionPolicy.effective(global, own));
        return body;
    }

    @PUT
    @Path("rooms/{id}/retention")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Set the room's own retention (the owner): 1 to 3650 days, or null; audited")
    public Map<String, Integer> setRoom(@PathParam("id") String roomId, @Valid @NotNull RetentionDays body) {
        if (rooms.member(roomId, caller.id()).role() != Role.OWNER && !caller.admin()) {
            throw ChatProblems.forbidden("not-the-owner", "Only the room's owner sets how long its messages are kept.");
        }
        Integer before = policy.roomDays(roomId);
        policy.setRoomDays(roomId, body.days());
        Map<String, Object> details = changes(before, body.days());
        details.put("roomId", roomId);
        audit.record(caller.id(), "room.retention", "room:" + roomId, details);
        return room(roomId);
    }

    // JSON null for "kept for good": a plain map keeps the key
    private static Map<String, Integer> days(String key, Integer days) {
        Map<String, Integer> body = new HashMap<>();
        body.put(key, days);
        return body;
    }

    private static Map<String, Object> changes(Integer before, Integer after) {
        Map<String, Object> details = new HashMap<>();
        details.put("daysBefore", before == null ? "none" : before);
        details.put("days", after == null ? "none" : after);
        return details;
    }
}
