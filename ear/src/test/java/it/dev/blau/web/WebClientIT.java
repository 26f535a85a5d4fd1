package it.dev.blau.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;

/** The web client's runtime configuration and the security headers of everything served at /. */
class WebClientIT {

    private final Api server = Api.underTest();

    @Test
    void theRuntimeConfigurationNamesThePublicKeycloakAndComesWithAStrictPolicy() {
        Api.Answer config = server.get("/config.json");
        assertEquals(200, config.status());
        JsonObject body = config.json();
        assertEquals("http://localhost:18080", body.getString("keycloakUrl"));
        assertEquals("blau", body.getString("realm"));
        assertEquals("blau-web", body.getString("clientId"));
        String csp = config.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertTrue(csp.contains("connect-src 'self' http://localhost:18080;"), csp);
        assertFalse(csp.contains("ws:"), () -> "sockets to any host: " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", config.header("X-Content-Type-Options"));
        assertEquals("no-referrer", config.header("Referrer-Policy"));
    }
}
