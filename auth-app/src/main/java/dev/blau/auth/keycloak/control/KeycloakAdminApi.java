package dev.blau.auth.keycloak.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The part of Keycloak's admin REST API ({@code <keycloak>/admin/realms/<realm>}) that BLAU uses,
 * as a MicroProfile Rest Client; {@link ServiceAccountToken} signs every call. Answers come back
 * as they are: what a status means is {@link KeycloakClient}'s to say, except a server error.
 */
@Path("users")
public interface KeycloakAdminApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response createUser(JsonObject user);

    @GET
    Response users(@QueryParam("briefRepresentation") boolean brief, @QueryParam("first") int first,
                   @QueryParam("max") int max, @QueryParam("search") String search);

    @GET
    @Path("{id}")
    Response user(@PathParam("id") String id);

    /** Changes only the fields given: Keycloak keeps every other one. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response updateUser(@PathParam("id") String id, JsonObject fields);

    @DELETE
    @Path("{id}")
    Response deleteUser(@PathParam("id") String id);

    @POST
    @Path("{id}/logout")
    Response endSessions(@PathParam("id") String id);

    @GET
    @Path("{id}/sessions")
    Response sessions(@PathParam("id") String id);

    @GET
    @Path("{id}/role-mappings/realm")
    Response realmRoles(@PathParam("id") String id);

    /** The realm roles this client may still map to the user. */
    @GET
    @Path("{id}/role-mappings/realm/available")
    Response availableRealmRoles(@PathParam("id") String id);

    @POST
    @Path("{id}/role-mappings/realm")
    @Consumes(MediaType.APPLICATION_JSON)
    Response addRealmRoles(@PathParam("id") String id, JsonArray roles);

    @DELETE
    @Path("{id}/role-mappings/realm")
    @Consumes(MediaType.APPLICATION_JSON)
    Response removeRealmRoles(@PathParam("id") String id, JsonArray roles);
}
