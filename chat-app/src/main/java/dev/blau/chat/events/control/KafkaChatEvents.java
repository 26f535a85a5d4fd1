package dev.blau.chat.events.control;

import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.events.entity.ChatEventJson;

/**
 * Chat events on Kafka, keyed by {@link ChatEvent#key()} so each room's events keep their
 * order. Domain events go to {@code chat-events}; typing and presence, which may be lost, to
 * {@code chat-signals}.
 */
@ApplicationScoped
public class KafkaChatEvents implements ChatEvents {

    private static final Logger LOG = Logger.getLogger(KafkaChatEvents.class.getName());

    // Liberty's Kafka connector sends a ProducerRecord payload as it is: that is how a record gets its key
    @Inject
    @Channel("chat-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
    Emitter<ProducerRecord<String, String>> events;

    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.chat-events.topic")
    String eventsTopic;

    @Inject
    @Channel("chat-signals")
    @OnOverflow(value = OnOverflow.Strategy.DROP)
    Emitter<ProducerRecord<String, String>> signals;

    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.chat-signals.topic")
    String signalsTopic;

    @Inject
    @Metric(name = "chat_events_dropped_total", description = "Chat events Kafka did not take (messages are relayed again from the store)")
    Counter dropped;

    @Override
    public void publish(ChatEvent event, Runnable onDelivered, Runnable onFailed) {
        var record = new ProducerRecord<>(event.ephemeral() ? signalsTopic : eventsTopic, event.key(), ChatEventJson.toJson(event));
        Message<ProducerRecord<String, String>> message = Message.of(record,
                () -> {
                    onDelivered.run();
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    drop(event, failure);
                    onFailed.run();
                    return CompletableFuture.completedFuture(null);
                });
        try {
            (event.ephemeral() ? signals : events).send(message);
        } catch (RuntimeException e) {
            drop(event, e);
            onFailed.run();
        }
    }

    private void drop(ChatEvent event, Throwable reason) {
        dropped.inc();
        LOG.warning(() -> "Kafka did not take " + event.type() + " event " + event.eventId() + ": " + reason.getMessage());
    }
}
