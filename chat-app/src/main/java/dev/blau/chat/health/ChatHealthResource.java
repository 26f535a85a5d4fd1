package dev.blau.chat.health;

import jakarta.annotation.security.DenyAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.common.health.ReadinessResource;

/** {@code GET /api/v1/chat/health}: chat-app's readiness through the gateway's route. Public. */
@Path("health")
@DenyAll
@RequestScoped
@Tag(name = "health")
public class ChatHealthResource extends ReadinessResource {
}
