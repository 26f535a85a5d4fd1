package dev.blau.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebClientSettingsTest {

    @Test
    void keycloakAddressesComeFromThePublicIssuer() {
        WebClientSettings settings = new WebClientSettings();
        settings.issuer = "https://sso.example.test:8443/realms/blau";
        settings.clientId = "blau-web";
        assertEquals("https://sso.example.test:8443", settings.keycloakUrl());
        assertEquals("blau", settings.realm());
        String csp = settings.contentSecurityPolicy();
        assertTrue(csp.contains("connect-src 'self' https://sso.example.test:8443;"), csp);
        assertFalse(csp.contains("ws:"), () -> "sockets to any host: " + csp);
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("img-src 'self' data: blob:;"), csp);
    }

    @Test
    void screensFallBackToTheAppButFilesAndConfigDoNot() {
        assertTrue(SecurityHeadersFilter.isClientRoute("/auth/callback"));
        assertTrue(SecurityHeadersFilter.isClientRoute("/rooms/42"));
        assertFalse(SecurityHeadersFilter.isClientRoute("/"));
        assertFalse(SecurityHeadersFilter.isClientRoute("/assets/index-abc123.js"));
        assertFalse(SecurityHeadersFilter.isClientRoute("/config.json"));
    }
}
