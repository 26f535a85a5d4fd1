package dev.blau.auth.events.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.blau.auth.events.entity.UserEvent;

/**
 * Publishes user events to Kafka through Reactive Messaging without ever holding up the
 * request that caused them: the event is handed to another thread, and a Kafka outage only
 * delays it. While Kafka is away the producer keeps retrying each event until its delivery
 * timeout (two minutes) and the emitter buffers up to 10,000 more; past that an event is
 * dropped, counted in {@code user_events_dropped_total} and logged with its id and type.
 */
@ApplicationScoped
public class UserEvents {

    private static final Logger LOG = Logger.getLogger(UserEvents.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    @Channel("user-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
    Emitter<String> emitter;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @Metric(name = "user_events_sent_total", description = "User events acknowledged by Kafka")
    Counter sent;

    @Inject
    @Metric(name = "user_events_dropped_total", description = "User events given up on (Kafka away too long, or buffer full)")
    Counter dropped;

    public void publish(UserEvent event) {
        String payload = JSON.toJson(event);
        try {
            executor.execute(() -> send(event, payload));
        } catch (RejectedExecutionException e) {
            drop(event, e);
        }
    }

    private void send(UserEvent event, String payload) {
        try {
            emitter.send(Message.of(payload,
                    () -> {
                        sent.inc();
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        drop(event, failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            drop(event, e);
        }
    }

    private void drop(UserEvent event, Throwable reason) {
        dropped.inc();
        LOG.warning(() -> "Dropped " + event.type() + " event " + event.eventId() + " for user " + event.userId()
                + ": " + reason.getMessage());
    }
}
