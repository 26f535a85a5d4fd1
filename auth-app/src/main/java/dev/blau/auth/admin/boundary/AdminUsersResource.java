package dev.blau.auth.admin.boundary;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.admin.control.AdminUsers;
import dev.blau.auth.profiles.boundary.DataRequestView;
import dev.blau.auth.profiles.control.AccountErasures;
import dev.blau.auth.profiles.control.DataExports;
import dev.blau.auth.profiles.control.ProfileRepository;
import dev.blau.common.privacy.DataRequests;

/** {@code /api/v1/admin/users}: what administrators (realm role {@code admin}) see of and do to user accounts. */
@Path("admin/users")
@DenyAll
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
public class AdminUsersResource {

    @Inject
    JsonWebToken caller;

    @Inject
    AdminUsers users;

    @Inject
    ProfileRepository profiles;

    @Inject
    DataExports exports;

    @Inject
    AccountErasures erasures;

    @Inject
    DataRequests requests;

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Users whose username, email or name contains q (all without q), a page at a time, with their BLAU roles")
    @APIResponse(responseCode = "200", description = "{users:[{id, username, email, enabled, createdAt, roles}]}; fewer than max: the last page")
    public Map<String, List<AdminUsers.Listed>> list(@QueryParam("q") @Size(max = 100) String query,
                                                     @QueryParam("first") @DefaultValue("0") @Min(0) int first,
                                                     @QueryParam("max") @DefaultValue("20") @Min(1) @Max(50) int max) {
        return Map.of("users", users.list(query, first, max));
    }

    @PUT
    @Path("{id}/roles/{role}")
    @RolesAllowed("admin")
    @Operation(summary = "Grant a realm role (moderator; admin is granted in Keycloak)")
    @APIResponse(responseCode = "204", description = "Granted (also when it already was)")
    @APIResponse(responseCode = "403", description = "Not an administrator, or a role BLAU does not grant")
    @APIResponse(responseCode = "404", description = "No user with this id")
    public Response grant(@PathParam("id") String id, @PathParam("role") String role) {
        users.mapRole(caller.getSubject(), id, role, true);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/roles/{role}")
    @RolesAllowed("admin")
    @Operation(summary = "Revoke a realm role (moderator)")
    @APIResponse(responseCode = "204", description = "Revoked (also when the user did not hold it)")
    @APIResponse(responseCode = "403", description = "Not an administrator, or a role BLAU does not revoke")
    @APIResponse(responseCode = "404", description = "No user with this id")
    public Response revoke(@PathParam("id") String id, @PathParam("role") String role) {
        users.mapRole(caller.getSubject(), id, role, false);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/disable")
    @RolesAllowed("admin")
    @Operation(summary = "Disable a user: no more sign-ins, every session ended, their sockets closed")
    @APIResponse(responseCode = "204", description = "Disabled (also when it already was)")
    @APIResponse(responseCode = "404", description = "No user with this id")
    @APIResponse(responseCode = "409", description = "Administrators cannot disable themselves")
    public Response disable(@PathParam("id") String id) {
        users.disable(caller.getSubject(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/enable")
    @RolesAllowed("admin")
    @Operation(summary = "Enable a disabled user again: they can sign in")
    @APIResponse(responseCode = "204", description = "Enabled (also when it already was)")
    @APIResponse(responseCode = "404", description = "No user with this id")
    public Response enable(@PathParam("id") String id) {
        users.enable(caller.getSubject(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/export")
    @RolesAllowed("admin")
    @Operation(summary = "Ask for an export of a user's data (a data subject's request that reached the operator)")
    @APIResponse(responseCode = "202", description = "The export, pending; follow it in GET {id}/data-requests")
    @APIResponse(responseCode = "404", description = "No BLAU profile with this id")
    @APIResponse(responseCode = "429", description = "too-many-exports for this user this hour")
    public Response export(@PathParam("id") String id) {
        var profile = profiles.find(id).orElseThrow(AuthProblems::userNotFound);
        return Response.accepted(DataRequestView.of(exports.request(caller.getSubject(), profile))).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Erase a user's account: Keycloak user, profile, sockets; their messages become tombstones")
    @APIResponse(responseCode = "202", description = "The erasure (kind erasure): pending until every part is done")
    @APIResponse(responseCode = "404", description = "No user with this id")
    @APIResponse(responseCode = "409", description = "cannot-erase-self: administrators erase their own account from their profile")
    public Response erase(@PathParam("id") String id) {
        return Response.accepted(DataRequestView.of(erasures.requestFor(caller.getSubject(), id))).build();
    }

    @GET
    @Path("{id}/data-requests")
    @RolesAllowed("admin")
    @Operation(summary = "A user's exports and erasure, newest first")
    public Map<String, List<DataRequestView>> dataRequests(@PathParam("id") String id) {
        return Map.of("requests", requests.ofUser(id, 20).stream().map(DataRequestView::of).toList());
    }
}
