package dev.blau.auth.keycloak.control;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.blau.common.json.JsonProcessing;
import dev.blau.common.problem.Problem;

/**
 * {@code 401 mfa-required}, with the extension member {@code ssoUrl}: Keycloak's authorization
 * endpoint, where an OpenID Connect client (the web client, a mobile app) continues with the
 * authorization code flow and the user enters the code.
 */
@Provider
public class SecondFactorRequiredExceptionMapper implements ExceptionMapper<SecondFactorRequiredException> {

    static final String DETAIL = "This account signs in with a one-time code from an authenticator app: "
            + "continue with single sign-on (ssoUrl) to enter it.";

    // the issuer the tokens carry: Keycloak's public address, which a client can reach
    @Inject
    @ConfigProperty(name = "keycloak.issuer")
    String issuer;

    @Override
    public Response toResponse(SecondFactorRequiredException exception) {
        Problem problem = Problem.of(Response.Status.UNAUTHORIZED, "mfa-required", DETAIL);
        JsonObject body = JsonProcessing.PROVIDER.createObjectBuilder()
                .add("type", problem.type().toString())
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail())
                .add("ssoUrl", issuer + "/protocol/openid-connect/auth")
                .build();
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
