package dev.blau.common.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.blau.common.ServiceName;
import dev.blau.common.security.KeycloakRealm;

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
    KeycloakRealm keycloak;

    @Override
    public HealthCheckResponse call() {
        return DependencyProbe.http(service.value() + "-keycloak",
                keycloak.signingKeys());
    }
}
