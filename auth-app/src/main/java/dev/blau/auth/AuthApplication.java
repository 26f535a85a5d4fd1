package dev.blau.auth;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * auth-app is deployed at context root {@code /api/v1}: it serves {@code /api/v1/auth/*},
 * {@code /api/v1/users} and {@code /api/v1/admin/users}. Callers present Keycloak access
 * tokens (MicroProfile JWT).
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(info = @Info(title = "BLAU auth API", version = "1",
        description = "Registration, sign-in, tokens, profiles and user administration."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP,
        scheme = "bearer", bearerFormat = "JWT")
public class AuthApplication extends Application {
}
