package dev.blau.chat.hooks.boundary;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.events.entity.ChatEventJson;
import dev.blau.chat.hooks.control.HookDeliveries;
import dev.blau.chat.hooks.control.OutgoingHooks;

/**
 * Outgoing webhooks' own reading of the chat events: one consumer group for all chat servers,
 * so each message makes its deliveries once, on one server, and a slow receiver never holds up
 * the fan-out to sockets (another group). A message whose deliveries could not be recorded
 * (the database away) is tried again a few times; one handed over twice makes none anew.
 */
@ApplicationScoped
public class OutgoingHookFeed {

    private static final Logger LOG = Logger.getLogger(OutgoingHookFeed.class.getName());
    private static final int ATTEMPTS = 5;

    @Inject
    OutgoingHooks hooks;

    @Inject
    HookDeliveries deliveries;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Incoming("chat-webhooks")
    public CompletionStage<Void> onChatEvent(Message<String> record) {
        try {
            ChatEvent event = ChatEventJson.fromJson(record.getPayload());
            if (ChatEvent.MESSAGE_SENT.equals(event.type()) && event.message() != null) {
                enqueue(event.message(), 1);
            }
        } catch (RuntimeException e) { // unreadable: no delivery can be made of it
            LOG.log(Level.WARNING, "Webhooks skip an unreadable chat event", e);
        }
        return record.ack();
    }

    private void enqueue(dev.blau.chat.messages.entity.Message message, int attempt) {
        try {
            if (hooks.enqueue(message)) {
                deliveries.nudge();
            }
        } catch (RuntimeException e) {
            if (attempt >= ATTEMPTS) {
                LOG.log(Level.SEVERE, "Webhook deliveries of message " + message.seq() + " in room " + message.roomId()
                        + " not recorded after " + attempt + " attempts", e);
                return;
            }
            LOG.warning(() -> "Webhook deliveries of message " + message.seq() + " in room " + message.roomId()
                    + " not recorded (" + e.getMessage() + "); trying again");
            scheduler.schedule(() -> enqueue(message, attempt + 1), 1L << attempt, TimeUnit.SECONDS);
        }
    }
}
