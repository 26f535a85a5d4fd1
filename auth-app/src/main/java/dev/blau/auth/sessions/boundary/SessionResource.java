package dev.blau.auth.sessions.boundary;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.auth.keycloak.control.TokenSet;
import dev.blau.auth.sessions.control.Sessions;
import dev.blau.auth.sessions.control.TokenRenewals;

/**
 * Sign-in, refresh and sign-out. Public by necessity: the credentials or the refresh token
 * in the body are what authenticates the call.
 */
@Path("auth")
@DenyAll
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class SessionResource {

    @Inject
    Sessions sessions;

    @Resource
    ManagedExecutorService container;

    @POST
    @Path("login")
    @PermitAll
    @Operation(summary = "Sign in with username (or email) and password")
    @APIResponse(responseCode = "200", description = "Access and refresh tokens")
    @APIResponse(responseCode = "401", description = "Wrong username or password (which one is not said); or, after a right "
            + "password, mfa-required: the account signs in with a one-time code, through single sign-on at the problem's ssoUrl")
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins from this address; Retry-After says for how long")
    public TokenSet login(@NotNull(message = "a JSON body is required") @Valid Credentials credentials,
                          @Context HttpServletRequest request) {
        // the client's address: Liberty's remoteIp reads it from X-Forwarded-For when a trusted proxy sent it
        return sessions.login(credentials.username().strip(), credentials.password(), request.getRemoteAddr());
    }

    @POST
    @Path("refresh")
    @PermitAll
    @Operation(summary = "New tokens for a refresh token (each refresh token works once)")
    @APIResponse(responseCode = "200", description = "Access and refresh tokens; the same ones again when the same "
            + "refresh token is asked again within a minute (a retry after a lost answer)")
    @APIResponse(responseCode = "401", description = "Refresh token revoked, spent or expired")
    @APIResponse(responseCode = "503", description = "renewal-pending: Keycloak is slow; ask again with the same refresh "
            + "token after Retry-After, the renewal goes on meanwhile. identity-provider-unavailable: Keycloak is away")
    public void refresh(@NotNull(message = "a JSON body is required") @Valid RefreshToken token,
                        @Suspended AsyncResponse response) {
        // the JDK's one timer thread, not the container's: RESTEasy's setTimeout captured every
        // thread context anew for each request (about 0.7 ms of the core a renewal), and a crowd
        // of waiting renewals still costs no threads
        sessions.refresh(token.refreshToken()).toCompletableFuture()
                .orTimeout(TokenRenewals.WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((tokens, failure) -> {
                    if (failure == null) {
                        response.resume(tokens);
                    } else if (failure instanceof TimeoutException) { // answered on a container thread, not the timer's
                        container.execute(() -> response.resume(TokenRenewals.pending()));
                    } else { // the problem itself, for its mapper: a dependent stage hands it over wrapped
                        response.resume(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    }
                });
    }

    @POST
    @Path("logout")
    @PermitAll
    @Operation(summary = "End the session: the refresh token stops working")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response logout(@NotNull(message = "a JSON body is required") @Valid RefreshToken token) {
        sessions.logout(token.refreshToken());
        return Response.noContent().build();
    }
}
