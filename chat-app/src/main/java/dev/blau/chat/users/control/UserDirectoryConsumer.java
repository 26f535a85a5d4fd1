package dev.blau.chat.users.control;

import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.io.StringReader;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.blau.common.json.JsonProcessing;

/**
 * Learns of new users from auth-app's {@code user.registered} events, so they can be
 * invited or messaged before they ever open the chat.
 */
@ApplicationScoped
public class UserDirectoryConsumer {

    private static final Logger LOG = Logger.getLogger(UserDirectoryConsumer.class.getName());

    @Inject
    ChatUsers users;

    @Incoming("user-directory")
    public CompletionStage<Void> onUserEvent(Message<String> record) {
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(record.getPayload()))) {
            JsonObject event = reader.readObject();
            if ("user.registered".equals(event.getString("type", null))) {
                users.rememberUsername(event.getString("userId"), event.getString("username"));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "User event not applied", e);
        }
        return record.ack();
    }
}
