package dev.blau.chat.health;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.blau.common.health.DependencyProbe;

/** Ready when the realm's signing keys can be fetched: every token is checked against them. */
@Readiness
@ApplicationScoped
public class KeycloakJwksReadinessCheck implements HealthCheck {

    @Inject
    @ConfigProperty(name = "keycloak.url")
    String keycloakUrl;

    @Inject
    @ConfigProperty(name = "keycloak.realm")
    String realm;

    @Override
    public HealthCheckResponse call() {
        return DependencyProbe.http("chat-keycloak-jwks",
                URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/certs"));
    }
}
