package dev.blau.web;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the browser needs to know at run time: where Keycloak is for single sign-on (the
 * public issuer, which may differ from the address the servers use), and which origins the
 * Content-Security-Policy lets the page talk to.
 */
@ApplicationScoped
public class WebClientSettings {

    @Inject
    @ConfigProperty(name = "keycloak.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "web.client-id", defaultValue = "blau-web")
    String clientId;

    /** Keycloak's public base URL: the issuer without {@code /realms/<realm>}. */
    public String keycloakUrl() {
        int realms = issuer.indexOf("/realms/");
        return realms < 0 ? issuer : issuer.substring(0, realms);
    }

    public String realm() {
        int realms = issuer.indexOf("/realms/");
        return realms < 0 ? "blau" : issuer.substring(realms + "/realms/".length());
    }

    public String clientId() {
        return clientId;
    }

    /** The origin (scheme://host[:port]) of Keycloak, for connect-src and form-action. */
    public String keycloakOrigin() {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /**
     * A strict policy: only this origin's scripts; styles inline (MUI's emotion needs them); no framing.
     * Sockets only to this origin: {@code 'self'} covers ws/wss to the page's own host (CSP Level 3),
     * where {@code ws: wss:} would let injected script talk to any host. Images also from {@code blob:}:
     * a message's files need the bearer token, so the app fetches them and shows object URLs, which
     * only the page's own script can make.
     */
    public String contentSecurityPolicy() {
        String keycloak = keycloakOrigin();
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                + "font-src 'self' data:; connect-src 'self' " + keycloak + "; form-action 'self' " + keycloak
                + "; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
    }
}
