package dev.blau.auth.health;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.blau.common.health.DependencyProbe;

/** Ready when the realm's OpenID configuration is served: sign-in and registration need Keycloak. */
@Readiness
@ApplicationScoped
public class KeycloakReadinessCheck implements HealthCheck {

    @Inject
    @ConfigProperty(name = "keycloak.url")
    String keycloakUrl;

    @Inject
    @ConfigProperty(name = "keycloak.realm")
    String realm;

    @Override
    public HealthCheckResponse call() {
        return DependencyProbe.http("auth-keycloak",
                URI.create(keycloakUrl + "/realms/" + realm + "/.well-known/openid-configuration"));
    }
}
