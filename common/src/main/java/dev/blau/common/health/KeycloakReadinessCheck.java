package dev.blau.common.health;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.blau.common.ServiceName;

/**
 * Ready when the realm's signing keys (JWKS) are served: every token is checked against
 * them, and a realm that serves its keys also serves its token and admin endpoints.
 */
@Readiness
@ApplicationScoped
public class KeycloakReadinessCheck implements HealthCheck {

    @Inject
    ServiceName service;

    @Inject
    @ConfigProperty(name = "keycloak.url")
    String keycloakUrl;

    @Inject
    @ConfigProperty(name = "keycloak.realm")
    String realm;

    @Override
    public HealthCheckResponse call() {
        return DependencyProbe.http(service.value() + "-keycloak",
                URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/certs"));
    }
}
