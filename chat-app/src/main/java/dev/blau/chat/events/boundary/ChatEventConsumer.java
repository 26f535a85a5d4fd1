package dev.blau.chat.events.boundary;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.events.entity.ChatEventJson;
import dev.blau.chat.events.entity.ChatEventReceived;

/**
 * Every chat server reads every chat event (each in its own consumer group) and fires it as
 * a CDI event: this is how a message stored by one server reaches the members connected to
 * another. Events are fired synchronously, in the order Kafka hands them over, so each room's
 * events keep their order.
 */
@ApplicationScoped
public class ChatEventConsumer {

    private static final Logger LOG = Logger.getLogger(ChatEventConsumer.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    Event<ChatEventReceived> received;

    @Incoming("chat-fanout")
    public CompletionStage<Void> onChatEvent(Message<String> record) {
        dispatch(record.getPayload(), ChatEventJson::fromJson);
        return record.ack();
    }

    @Incoming("chat-signals-fanout")
    public CompletionStage<Void> onSignal(Message<String> record) {
        dispatch(record.getPayload(), ChatEventJson::signalFromJson);
        return record.ack();
    }

    /** auth-app's user events, read by every chat server: a disabled user loses every socket at once. */
    @Incoming("user-access")
    public CompletionStage<Void> onUserEvent(Message<String> record) {
        try {
            UserAccessEvent event = JSON.fromJson(record.getPayload(), UserAccessEvent.class);
            if (UserAccessEvent.DISABLED.equals(event.type()) && event.userId() != null) {
                fire(ChatEvent.userDisabled(new UserRef(event.userId(), event.username(), event.username())));
            }
        } catch (JsonbException e) {
            LOG.warning(() -> "Skipping an unreadable user event: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "User event not handled", e);
        }
        return record.ack();
    }

    /** The part of auth-app's user events this server needs. */
    public record UserAccessEvent(String type, String userId, String username) {
        static final String DISABLED = "user.disabled";
    }

    private void dispatch(String payload, Function<String, ChatEvent> reader) {
        ChatEvent event;
        try {
            event = reader.apply(payload);
        } catch (RuntimeException e) { // not JSON, or fields of the wrong kind: nothing to deliver
            LOG.log(Level.WARNING, "Skipping an unreadable chat event", e);
            return;
        }
        fire(event);
    }

    private void fire(ChatEvent event) {
        try {
            received.fire(new ChatEventReceived(event));
        } catch (RuntimeException e) {
            // one event that cannot be delivered must not stop the stream for everyone
            LOG.log(Level.WARNING, "Chat event " + event.type() + " not delivered", e);
        }
    }
}
