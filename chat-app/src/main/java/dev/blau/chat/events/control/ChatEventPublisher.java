package dev.blau.chat.events.control;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.blau.chat.events.entity.ChatEvent;

/**
 * Publishes chat events to Kafka, keyed by room id so each room's events keep their order.
 * Domain events go to {@code chat-events}; typing and presence, which may be lost, to
 * {@code chat-signals}. Room changes go through the outbox ({@link EventOutbox}): stored with
 * the change, published once it committed, deleted once Kafka has them.
 */
@ApplicationScoped
public class ChatEventPublisher {

    private static final Logger LOG = Logger.getLogger(ChatEventPublisher.class.getName());
    static final Jsonb JSON = JsonbBuilder.create();

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
    EventOutbox outbox;

    @Resource
    ManagedExecutorService executor;

    private final Set<String> relaying = ConcurrentHashMap.newKeySet();

    @Inject
    @Metric(name = "chat_events_dropped_total", description = "Chat events Kafka did not take (messages are relayed again from the store)")
    Counter dropped;

    // a room change: stored in the outbox within its transaction, published once committed
    void onChange(@Observes ChatEvent event) {
        outbox.record(event.eventId(), JSON.toJson(event));
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChatEvent event) {
        relayFromOutbox(event);
    }

    /** Publishes an outbox event; once Kafka has it, it leaves the outbox (on a managed thread). */
    public void relayFromOutbox(ChatEvent event) {
        if (!relaying.add(event.eventId())) {
            return; // still on its way
        }
        publish(event, () -> executor.execute(() -> {
            try {
                outbox.delivered(event.eventId());
            } finally {
                relaying.remove(event.eventId());
            }
        }), () -> relaying.remove(event.eventId()));
    }

    /** Sends the event; {@code onDelivered} runs once Kafka has it. */
    public void publish(ChatEvent event, Runnable onDelivered) {
        publish(event, onDelivered, () -> { });
    }

    /** Sends the event; then {@code onDelivered} or, when Kafka does not take it, {@code onFailed} runs. */
    public void publish(ChatEvent event, Runnable onDelivered, Runnable onFailed) {
        boolean ephemeral = ChatEvent.TYPING.equals(event.type()) || ChatEvent.PRESENCE.equals(event.type());
        var record = new ProducerRecord<>(ephemeral ? signalsTopic : eventsTopic, event.key(), JSON.toJson(event));
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
            (ephemeral ? signals : events).send(message);
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
