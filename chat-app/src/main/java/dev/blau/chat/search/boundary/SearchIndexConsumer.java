package dev.blau.chat.search.boundary;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.blau.chat.events.entity.ChatEvent;
import dev.blau.chat.events.entity.ChatEventJson;
import dev.blau.chat.search.control.SearchFeed;

/**
 * The search index's own reading of the chat events: one consumer group for all chat servers
 * (each event is indexed once), from the earliest retained event for a new group, acknowledged
 * only once written, so the index catches up after any outage of Kafka, PostgreSQL or this server.
 */
@ApplicationScoped
public class SearchIndexConsumer {

    private static final Logger LOG = Logger.getLogger(SearchIndexConsumer.class.getName());

    @Inject
    SearchFeed feed;

    @Incoming("chat-search")
    public CompletionStage<Void> onChatEvent(Message<String> record) throws InterruptedException {
        ChatEvent event;
        try {
            event = ChatEventJson.fromJson(record.getPayload());
        } catch (RuntimeException e) { // unreadable: nothing to index, but its turn to be acknowledged still comes
            LOG.log(Level.WARNING, "Search index skips an unreadable chat event", e);
            event = null;
        }
        // acknowledged in order by the writer; the next record may come meanwhile
        feed.accept(new SearchFeed.Pending(event, record::ack));
        return CompletableFuture.completedFuture(null);
    }
}
