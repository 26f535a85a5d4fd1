package dev.blau.auth.keycloak.control;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.blau.common.problem.Problem;

/** A taken username or email is 409; a password Keycloak's policy refuses is a field error (400). */
@Provider
public class UserRejectedExceptionMapper implements ExceptionMapper<UserRejectedException> {

    @Override
    public Response toResponse(UserRejectedException exception) {
        Problem problem = exception.conflict()
                ? Problem.of(Response.Status.CONFLICT, exception.field() + "-taken", exception.getMessage())
                : Problem.of(Response.Status.BAD_REQUEST, "validation", "The request has invalid fields.");
        return problem.withErrors(List.of(new Problem.FieldError(exception.field(), exception.getMessage())))
                .toResponse().build();
    }
}
