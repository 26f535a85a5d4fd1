package dev.blau.chat.live.boundary;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Keeps the socket's handshake from opening an HTTP session. Liberty asks every handshake's
 * request for its session with {@code getSession()}, which creates one, to offer it as
 * {@code HandshakeRequest.getHttpSession()}; BLAU's sockets are admitted by ticket and use no
 * session. Each socket left one in the server's memory (about 0.5 KB) until the session timeout,
 * 30 minutes after the socket closed, and a {@code JSESSIONID} cookie on the client. Here the
 * handshake sees only a session that already exists (none).
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class SessionlessHandshake extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession() {
                return super.getSession(false);
            }

            @Override
            public HttpSession getSession(boolean create) {
                return super.getSession(false);
            }
        }, response);
    }
}
