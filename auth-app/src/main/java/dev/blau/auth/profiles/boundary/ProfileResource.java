package dev.blau.auth.profiles.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.profiles.control.AccountErasures;
import dev.blau.auth.profiles.control.DataExports;
import dev.blau.auth.profiles.control.ProfileRepository;
import dev.blau.auth.profiles.control.Profiles;
import dev.blau.common.privacy.DataRequest;
import dev.blau.common.privacy.DataRequests;

/** The signed-in user's own profile, the exports of their data, and the erasure of their account. */
@Path("auth/profile")
@DenyAll
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profile")
@SecurityRequirement(name = "bearer")
public class ProfileResource {

    @Inject
    JsonWebToken caller;

    @Inject
    Profiles profiles;

    @Inject
    ProfileRepository repository;

    @Inject
    DataExports exports;

    @Inject
    AccountErasures erasures;

    @Inject
    DataRequests requests;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed("user")
    @Operation(summary = "The caller's profile (created on first call for single-sign-on users)")
    public ProfileView get() {
        return ProfileView.of(profiles.of(caller));
    }

    @PUT
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the caller's display name, locale and status message")
    public ProfileView update(@NotNull(message = "a JSON body is required") @Valid ProfileUpdate update) {
        profiles.of(caller);
        return ProfileView.of(repository.update(caller.getSubject(), update.displayName().strip(),
                update.locale(), update.statusMessage()));
    }

    @DELETE
    @RolesAllowed("user")
    @Operation(summary = "Erase the caller's account: Keycloak user, profile, sockets; own messages become tombstones")
    @APIResponse(responseCode = "202", description = "The erasure (kind erasure): pending until every part is done")
    @APIResponse(responseCode = "403", description = "recent-sign-in-required: the last sign-in is older than 10 minutes")
    public Response erase() {
        return Response.accepted(DataRequestView.of(erasures.requestOwn(caller))).build();
    }

    @POST
    @Path("export")
    @RolesAllowed("user")
    @Operation(summary = "Ask for an export of the caller's data: a ZIP of JSON (profile, messages, files, memberships)")
    @APIResponse(responseCode = "202", description = "The export, pending; Location is where to follow it")
    @APIResponse(responseCode = "429", description = "too-many-exports: Retry-After says when the next one can be asked for")
    public Response export() {
        DataRequest request = exports.request(caller.getSubject(), profiles.of(caller));
        return Response.accepted(DataRequestView.of(request))
                .location(uri.getBaseUriBuilder().path("auth/profile/exports/{id}").build(request.id())).build();
    }

    @GET
    @Path("exports")
    @RolesAllowed("user")
    @Operation(summary = "The caller's exports, newest first (at most 20)")
    public Map<String, List<DataRequestView>> exports() {
        return Map.of("exports", requests.exportsOf(caller.getSubject(), 20).stream().map(DataRequestView::of).toList());
    }

    @GET
    @Path("exports/{id}")
    @RolesAllowed("user")
    @Operation(summary = "One export of the caller's data (administrators: anyone's)")
    public DataRequestView exportOf(@PathParam("id") String id) {
        return requests.find(id)
                .filter(r -> r.kind() == DataRequest.Kind.EXPORT)
                .filter(r -> r.userId().equals(caller.getSubject()) || security.isUserInRole("admin"))
                .map(DataRequestView::of)
                .orElseThrow(AuthProblems::exportNotFound);
    }
}
