package dev.blau.chat.live.control;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Closes (1008) the sockets of users whose Keycloak session ended (they signed out, an
 * administrator ended it, it expired) or who were disabled, within one check period. A
 * socket holds no token that could expire by itself, so this is what ends it.
 */
@ApplicationScoped
public class SessionWatch {

    private static final Logger LOG = Logger.getLogger(SessionWatch.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    LiveRooms live;

    @Inject
    KeycloakSessions keycloak;

    @Inject
    @ConfigProperty(name = "chat.session-check-seconds", defaultValue = "30")
    int periodSeconds;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        task = scheduler.scheduleWithFixedDelay(this::check, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void check() {
        Map<String, java.util.List<Connection>> byUser = live.all().stream()
                .collect(Collectors.groupingBy(Connection::userId));
        for (var entry : byUser.entrySet()) {
            Set<String> active;
            try {
                active = keycloak.activeSessions(entry.getKey());
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "Cannot ask Keycloak about sessions (" + e.getMessage() + "); next try in "
                        + periodSeconds + " s");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (Connection connection : entry.getValue()) {
                String sid = connection.caller().sessionId();
                if (active.isEmpty() || (sid != null && !active.contains(sid))) {
                    connection.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "session ended"));
                }
            }
        }
    }
}
