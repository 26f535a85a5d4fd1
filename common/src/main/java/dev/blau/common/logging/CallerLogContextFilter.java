package dev.blau.common.logging;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Adds the caller's user id to the log context of a REST request once JAX-RS has authenticated
 * it (resources with {@code @RolesAllowed} are authenticated inside JAX-RS, after the servlet
 * filters ran). Runs after authentication and authorization; {@link RequestLogContextFilter}
 * removes it again when the request ends.
 */
@Provider
@Priority(Priorities.USER)
public class CallerLogContextFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext() != null) {
            LogContext.putUser(request.getSecurityContext().getUserPrincipal());
        }
    }
}
