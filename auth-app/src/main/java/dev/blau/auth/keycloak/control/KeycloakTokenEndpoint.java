package dev.blau.auth.keycloak.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The realm's OpenID Connect endpoints ({@code <keycloak>/realms/<realm>/protocol/openid-connect}),
 * as a MicroProfile Rest Client. Answers come back as they are: what a status means is
 * {@link KeycloakClient}'s to say, except a server error ({@link KeycloakServerErrors}).
 */
// Accept anything, not the Rest Client's default JSON: a refused sign-in is told apart by its kind of
// body (an OAuth error in JSON, or the HTML error page of the realm's flow for a second factor)
@Produces(MediaType.WILDCARD)
public interface KeycloakTokenEndpoint {

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response token(Form grant);

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response logout(Form session);
}
