package dev.blau.web;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /config.json}: {@code {"keycloakUrl","realm","clientId"}} for single sign-on. */
@WebServlet("/config.json")
public class ConfigServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient WebClientSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.createObjectBuilder()
                .add("keycloakUrl", settings.keycloakUrl())
                .add("realm", settings.realm())
                .add("clientId", settings.clientId())
                .build().toString());
    }
}
