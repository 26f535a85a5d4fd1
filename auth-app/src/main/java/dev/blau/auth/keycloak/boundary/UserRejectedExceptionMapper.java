package dev.blau.auth.keycloak.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.keycloak.control.UserRejectedException;

/** A taken username or email is 409; a password Keycloak's policy refuses is a field error (400). */
@Provider
public class UserRejectedExceptionMapper implements ExceptionMapper<UserRejectedException> {

    @Override
    public Response toResponse(UserRejectedException exception) {
        return (exception.conflict()
                ? AuthProblems.taken(exception.field(), exception.getMessage())
                : AuthProblems.invalidField(exception.field(), exception.getMessage()))
                .toResponse().build();
    }
}
