package dev.blau.auth.events.control;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
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
 * timeout and the emitter buffers up to 10,000 more; a send refused at once (the producer had
 * no metadata for the topic within its 2 s {@code max.block.ms}, as right after Kafka comes
 * back) is sent again after 2, 4, 8, then every 10 s. An event still not sent
 * {@value #GIVE_UP_SECONDS} s after it happened is dropped, counted in
 * {@code user_events_dropped_total} and logged with its id and type.
 */
@ApplicationScoped
public class UserEvents {

    private static final Logger LOG = Logger.getLogger(UserEvents.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();
    static final long GIVE_UP_SECONDS = 120;
    private static final long MAX_RETRY_DELAY_MILLIS = 10_000;

    @Inject
    @Channel("user-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
    Emitter<String> emitter;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @Metric(name = "user_events_sent_total", description = "User events acknowledged by Kafka")
    Counter sent;

    @Inject
    @Metric(name = "user_events_dropped_total", description = "User events given up on (Kafka away too long, or buffer full)")
    Counter dropped;

    public void publish(UserEvent event) {
        String payload = JSON.toJson(event);
        Instant giveUpAt = Instant.now().plusSeconds(GIVE_UP_SECONDS);
        try {
            executor.execute(() -> send(event, payload, giveUpAt, 1));
        } catch (RejectedExecutionException e) {
            drop(event, e);
        }
    }

    private void send(UserEvent event, String payload, Instant giveUpAt, int attempt) {
        try {
            emitter.send(Message.of(payload,
                    () -> {
                        sent.inc();
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        retryOrDrop(event, payload, giveUpAt, attempt, failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            retryOrDrop(event, payload, giveUpAt, attempt, e);
        }
    }

    private void retryOrDrop(UserEvent event, String payload, Instant giveUpAt, int attempt, Throwable failure) {
        long delay = Math.min(MAX_RETRY_DELAY_MILLIS, 1_000L << Math.min(attempt, 4));
        if (Instant.now().plusMillis(delay).isAfter(giveUpAt)) {
            drop(event, failure);
            return;
        }
        LOG.info(() -> event.type() + " event " + event.eventId() + " not sent yet (" + failure.getMessage()
                + "); trying again in " + delay + " ms");
        try {
            scheduler.schedule(() -> send(event, payload, giveUpAt, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            drop(event, e);
        }
    }

    private void drop(UserEvent event, Throwable reason) {
        dropped.inc();
        LOG.warning(() -> "Dropped " + event.type() + " event " + event.eventId() + " for user " + event.userId()
                + ": " + reason.getMessage());
    }
}
