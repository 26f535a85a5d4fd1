package dev.blau.chat.bots.boundary;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import dev.blau.chat.bots.control.Bots;
import dev.blau.chat.callers.AuthenticatedBot;
import dev.blau.chat.callers.Caller;
import dev.blau.common.problem.Problem;

/**
 * {@code Authorization: Bot <token>}: the request is the bot's, in the role {@code user} (what
 * a person may do, in the rooms the bot belongs to; never {@code admin}). Runs before the
 * container checks {@code @RolesAllowed}, which reads the security context set here. Requests
 * with a bearer token, or none, pass untouched.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BotAuthentication implements ContainerRequestFilter {

    static final String SCHEME = "Bot";
    private static final Set<String> ROLES = Set.of("user");

    @Inject
    Bots bots;

    @Inject
    AuthenticatedBot authenticated;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return;
        }
        Caller bot = bots.authenticate(header.substring(SCHEME.length() + 1).strip()).orElse(null);
        if (bot == null) {
            request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "invalid-bot-token",
                            "The bot token was refused: unknown, revoked, or not this bot's.")
                    .toResponse().header(HttpHeaders.WWW_AUTHENTICATE, SCHEME + " realm=\"blau\"").build());
            return;
        }
        if (!forBots(resource.getResourceMethod())) { // the container would answer 401, as if the bot were nobody
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "not-for-bots",
                    "Bots may not do this.").toResponse().build());
            return;
        }
        authenticated.set(bot);
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return bot::id;
            }

            @Override
            public boolean isUserInRole(String role) {
                return ROLES.contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return SCHEME;
            }
        });
    }

    private static boolean forBots(Method method) {
        if (method == null) {
            return false;
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return true;
        }
        RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        return allowed != null && Arrays.stream(allowed.value()).anyMatch(ROLES::contains);
    }
}
