package dev.blau.auth.keycloak.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.keycloak.control.SecondFactorRequiredException;
import dev.blau.common.security.KeycloakRealm;

/** A right password for an account that signs in with a second factor: continue through single sign-on. */
@Provider
public class SecondFactorRequiredExceptionMapper implements ExceptionMapper<SecondFactorRequiredException> {

    // the issuer the tokens carry: Keycloak's public address, which a client can reach
    @Inject
    KeycloakRealm keycloak;

    @Override
    public Response toResponse(SecondFactorRequiredException exception) {
        return AuthProblems.secondFactorRequired(keycloak.issuer() + "/protocol/openid-connect/auth");
    }
}
