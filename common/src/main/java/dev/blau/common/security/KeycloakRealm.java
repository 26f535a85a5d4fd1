package dev.blau.common.security;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where BLAU's Keycloak realm is, as this server reaches it ({@code keycloak.url}, an internal
 * address in deployments) and as clients know it ({@code keycloak.issuer}, the tokens' issuer),
 * and how long its published signing keys are trusted before they are read again.
 */
@ApplicationScoped
public class KeycloakRealm {

    @Inject
    @ConfigProperty(name = "keycloak.url")
    String url;

    @Inject
    @ConfigProperty(name = "keycloak.realm")
    String realm;

    @Inject
    @ConfigProperty(name = "keycloak.issuer")
    String issuer;

    // how old the realm's keys may get: a key removed from the realm is refused within this (deployments: a minute)
    @Inject
    @ConfigProperty(name = "blau.signing-keys.refresh-seconds", defaultValue = "60")
    long signingKeysRefreshSeconds;

    /** The server's own address of the realm, for Keycloak's base URL in logs and errors. */
    public String url() {
        return url;
    }

    /** The issuer the realm's tokens carry: its public address. */
    public String issuer() {
        return issuer;
    }

    /** An endpoint of the realm, e.g. {@code /protocol/openid-connect/token}. */
    public URI endpoint(String path) {
        return URI.create(url + "/realms/" + encode(realm) + path);
    }

    /** A resource of the realm's admin REST API, e.g. {@code /users}. */
    public URI admin(String path) {
        return URI.create(url + "/admin/realms/" + encode(realm) + path);
    }

    /** The realm's published signing keys (JWKS). */
    public URI signingKeys() {
        return endpoint("/protocol/openid-connect/certs");
    }

    public long signingKeysRefreshSeconds() {
        return signingKeysRefreshSeconds;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
