package dev.blau.common.logging;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Puts the request's id, and the caller's user id once known, on every log line written while
 * the request is served — REST calls and WebSocket handshakes alike — and returns the id in the
 * {@code X-Request-Id} response header. The id is the one Kong passes on (the edge's, or Kong's
 * own); a request without one, or with one that is not a plain token, gets a new one.
 *
 * <p>The caller is known here when the container authenticated the request before the filters;
 * for resources that JAX-RS authenticates itself, {@link CallerLogContextFilter} adds it. Declared
 * in this module's web fragment, so every application that packages {@code common} has it, first
 * in its filter chain.
 */
public class RequestLogContextFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = LogContext.acceptedRequestId(request.getHeader(LogContext.HEADER));
        response.setHeader(LogContext.HEADER, requestId);
        LogContext.putRequestId(requestId);
        try {
            LogContext.putUser(request.getUserPrincipal());
            chain.doFilter(request, response);
        } finally {
            LogContext.clear();
        }
    }
}
