package dev.blau.auth.admin.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
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

import dev.blau.auth.admin.control.AdminUsers;

/** {@code /api/v1/admin/users}: what administrators (realm role {@code admin}) do to user accounts. */
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
}
