package dev.blau.chat.events.control;

import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.live.control.LiveRooms;

/**
 * Every chat server reads every chat event (each in its own consumer group) and hands it
 * to the connections it holds: this is how a message stored by one server reaches the
 * members connected to another.
 */
@ApplicationScoped
public class ChatEventConsumer {

    private static final Logger LOG = Logger.getLogger(ChatEventConsumer.class.getName());

    @Inject
    LiveRooms live;

    @Incoming("chat-fanout")
    public CompletionStage<Void> onChatEvent(Message<String> record) {
        dispatch(record.getPayload());
        return record.ack();
    }

    @Incoming("chat-signals-fanout")
    public CompletionStage<Void> onSignal(Message<String> record) {
        dispatch(record.getPayload());
        return record.ack();
    }

    private void dispatch(String payload) {
        try {
            live.onEvent(ChatEventPublisher.JSON.fromJson(payload, ChatEvent.class));
        } catch (JsonbException e) {
            LOG.warning(() -> "Skipping an unreadable chat event: " + e.getMessage());
        } catch (RuntimeException e) {
            // one event that cannot be delivered must not stop the stream for everyone
            LOG.log(Level.WARNING, "Chat event not delivered", e);
        }
    }
}
