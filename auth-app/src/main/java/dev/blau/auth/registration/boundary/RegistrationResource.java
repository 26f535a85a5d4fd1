package dev.blau.auth.registration.boundary;

import java.net.URI;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.auth.profiles.entity.UserProfile;
import dev.blau.auth.registration.control.Registrations;

@Path("auth/register")
@DenyAll
@RequestScoped
@Tag(name = "registration")
public class RegistrationResource {

    @Inject
    Registrations registrations;

    @Context
    UriInfo uriInfo;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account (Keycloak user and BLAU profile)")
    @APIResponse(responseCode = "201", description = "Created; Location names the new user")
    @APIResponse(responseCode = "400", description = "Invalid fields, including the password policy")
    @APIResponse(responseCode = "409", description = "Username or email taken")
    @APIResponse(responseCode = "503", description = "Keycloak or the database unavailable; nothing was created")
    public Response register(@NotNull(message = "a JSON body is required") @Valid Registration registration) {
        String displayName = registration.displayName() == null || registration.displayName().isBlank()
                ? registration.username() : registration.displayName().strip();
        UserProfile profile = registrations.register(registration.username(), registration.email().strip(),
                registration.password(), displayName);
        URI location = uriInfo.getBaseUriBuilder().path("users").path(profile.getId()).build();
        return Response.created(location)
                .entity(new RegisteredUser(profile.getId(), profile.getUsername(), profile.getEmail(),
                        profile.getDisplayName()))
                .build();
    }
}
