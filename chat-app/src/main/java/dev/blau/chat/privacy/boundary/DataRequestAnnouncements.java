package dev.blau.chat.privacy.boundary;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.blau.chat.privacy.control.DataRequestWorker;

/**
 * auth-app's user events, in one group for all chat servers: a data request it recorded wakes
 * one of them at once. The event carries nothing the worker needs; the ledger has it.
 */
@ApplicationScoped
public class DataRequestAnnouncements {

    @Inject
    DataRequestWorker worker;

    @Incoming("data-requests")
    public CompletionStage<Void> onUserEvent(Message<String> record) {
        String payload = record.getPayload();
        // a cheap look, not a parse: nearly every user event is about something else
        if (payload != null && (payload.contains("\"user.export.requested\"") || payload.contains("\"user.erasure.requested\""))) {
            worker.wake();
        }
        return record.ack();
    }
}
