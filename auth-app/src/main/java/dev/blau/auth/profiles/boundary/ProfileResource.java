package dev.blau.auth.profiles.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.auth.profiles.control.ProfileRepository;
import dev.blau.auth.profiles.control.Profiles;

/** The signed-in user's own profile. */
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
}
