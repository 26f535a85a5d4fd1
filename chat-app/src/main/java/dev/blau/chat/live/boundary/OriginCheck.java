package dev.blau.chat.live.boundary;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.websocket.server.ServerEndpointConfig;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses the handshake (403) from a browser page whose {@code Origin} is not on the
 * allowlist ({@code chat.allowed-origins}), so another site cannot open a socket in a user's
 * name. Clients that are not browsers send no {@code Origin}; they still need a ticket.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

    private volatile Set<String> allowed;

    @Override
    public boolean checkOrigin(String origin) {
        return origin == null || origin.isEmpty() || allowed().contains(origin.toLowerCase());
    }

    private Set<String> allowed() {
        if (allowed == null) {
            String configured = ConfigProvider.getConfig().getOptionalValue("chat.allowed-origins", String.class)
                    .orElse("");
            allowed = Arrays.stream(configured.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .map(String::toLowerCase)
                    .collect(Collectors.toUnmodifiableSet());
        }
        return allowed;
    }
}
