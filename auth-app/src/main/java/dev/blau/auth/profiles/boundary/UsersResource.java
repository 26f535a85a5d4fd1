package dev.blau.auth.profiles.boundary;

import java.util.List;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.profiles.control.ProfileRepository;

/** Finding other users, e.g. to start a direct message. */
@Path("users")
@DenyAll
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@SecurityRequirement(name = "bearer")
public class UsersResource {

    static final int MAX_RESULTS = 20;

    @Inject
    ProfileRepository repository;

    @GET
    @RolesAllowed("user")
    @Operation(summary = "Users whose username or display name starts with the query (at most 20)")
    public List<UserSummary> find(@QueryParam("query") @NotBlank(message = "must not be blank")
                                  @Size(max = 64, message = "must be at most 64 characters") String query) {
        return repository.search(query.strip(), MAX_RESULTS).stream().map(UserSummary::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed("user")
    @Operation(summary = "One user by id")
    public UserSummary get(@PathParam("id") String id) {
        return repository.find(id).map(UserSummary::of)
                .orElseThrow(AuthProblems::userNotFound);
    }
}
