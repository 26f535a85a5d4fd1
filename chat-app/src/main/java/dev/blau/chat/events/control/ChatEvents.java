package dev.blau.chat.events.control;

import dev.blau.chat.events.entity.ChatEvent;

/**
 * Where chat events go: to every chat server and the rest of the system. Kafka is behind it
 * ({@link KafkaChatEvents}); the code that raises events never sees the broker.
 */
public interface ChatEvents {

    /** Sends the event; then {@code onDelivered} or, when the broker does not take it, {@code onFailed} runs. */
    void publish(ChatEvent event, Runnable onDelivered, Runnable onFailed);

    /** Sends an event that may be lost (typing, presence) or is repeated elsewhere when it is. */
    default void publish(ChatEvent event) {
        publish(event, () -> { }, () -> { });
    }
}
