package it.dev.blau.chat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.entity.Message;

/**
 * In-container: the message store against the local stack's MongoDB-wire store, where only
 * key lookups are served by an index. Every read is addressed by id, so these prove the
 * answers are right whatever this server knew before: rooms written by "another server"
 * (documents inserted here directly), cold rooms, pages at both ends.
 */
@ExtendWith(ArquillianExtension.class)
class MessageStoreIT {

    private static final UserRef ANA = new UserRef("ana-id", "ana", "Ana");
    private static final UserRef BOB = new UserRef("bob-id", "bob", "Bob");

    @Deployment
    static WebArchive chatAppWithThisTest() {
        return ShrinkWrap.create(WebArchive.class, "chat-app-message-store.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/chat-app.war")))
                .addClass(MessageStoreIT.class);
    }

    @Inject
    MessageStore store;

    @Inject
    MongoDatabase database;

    @Test
    void theLastSeqOfARoomThisServerNeverSawIsFoundByKeyLookups() {
        String room = seeded(5_000, ANA);
        assertEquals(5_000, store.latestSeq(room));
        assertEquals(5_000, store.latest(room).orElseThrow().seq());
        assertEquals(0, store.latestSeq(UUID.randomUUID().toString()), "a room without messages");
    }

    @Test
    void historyPagesAreTheRightMessagesInTheRightOrder() {
        String room = seeded(300, ANA);
        assertEquals(LongStream.rangeClosed(251, 300).map(s -> 551 - s).boxed().toList(),
                seqs(store.before(room, Long.MAX_VALUE, 50)), "the newest page, newest first");
        assertEquals(List.of(200L, 199L, 198L), seqs(store.before(room, 201, 3)));
        assertEquals(List.of(2L, 1L), seqs(store.before(room, 3, 50)), "the oldest page stops at 1");
        assertEquals(List.of(11L, 12L, 13L), seqs(store.after(room, 10, 3)));
        assertEquals(List.of(299L, 300L), seqs(store.after(room, 298, 50)), "catching up stops at the last");
        assertTrue(store.after(room, 300, 50).isEmpty());
    }

    @Test
    void aSendContinuesAfterMessagesAnotherServerStored() {
        String room = UUID.randomUUID().toString();
        assertEquals(1, store.append(room, ANA, "c1", MessageStore.Draft.of("first")).message().seq());
        insert(room, 2, 40, BOB); // another server's sends this one has not heard of
        MessageStore.Appended next = store.append(room, ANA, "c2", MessageStore.Draft.of("after theirs"));
        assertTrue(next.created());
        assertEquals(41, next.message().seq(), "the next seq, no hole and nothing overwritten");
        assertEquals("after theirs", store.after(room, 40, 10).get(0).text());
    }

    @Test
    void aSeqOrVersionSeenOnTheEventStreamIsCheckedInTheStoreBeforeASendStartsAfterIt() {
        String room = UUID.randomUUID().toString();
        Message first = store.append(room, ANA, "c1", MessageStore.Draft.of("first")).message();
        // after a restore from backup Kafka still names messages and changes the store no longer holds;
        // this server started after them, so they are checked
        Instant beforeThisServer = Instant.parse("2020-01-01T00:00:00Z");
        store.observed(room, 4, beforeThisServer);
        store.observedVersion(room, 6, null);
        assertEquals(2, store.append(room, ANA, "c2", MessageStore.Draft.of("after the restore")).message().seq(),
                "no hole where the stream's message was");
        assertEquals(1, store.change(room, first.seq(), m -> m.withPinned(true)).orElseThrow().message().version(),
                "no hole in the versions either");
        // what the stream names and the store holds is where the next send starts
        insert(room, 3, 9, BOB);
        store.observed(room, 9, beforeThisServer);
        assertEquals(10, store.append(room, ANA, "c3", MessageStore.Draft.of("after theirs")).message().seq());
    }

    @Test
    void aRetryReturnsTheOriginalAndStoresNothing() {
        String room = UUID.randomUUID().toString();
        MessageStore.Appended first = store.append(room, ANA, "same", MessageStore.Draft.of("hello"));
        MessageStore.Appended again = store.append(room, ANA, "same", MessageStore.Draft.of("hello again"));
        assertFalse(again.created());
        assertEquals(first.message().id(), again.message().id());
        assertEquals("hello", again.message().text());
        assertEquals(1, store.latestSeq(room));
    }

    @Test
    void latestOfManyRoomsAtOnce() {
        String quiet = UUID.randomUUID().toString();
        String busy = seeded(500, BOB);
        String mixed = UUID.randomUUID().toString();
        store.append(mixed, BOB, "m1", MessageStore.Draft.of("theirs"));
        store.append(mixed, ANA, "m2", MessageStore.Draft.of("mine"));
        store.append(mixed, BOB, "m3", MessageStore.Draft.of("theirs again"));
        Map<String, Message> latest = store.latest(List.of(quiet, busy, mixed));
        assertFalse(latest.containsKey(quiet));
        assertEquals(500, latest.get(busy).seq());
        assertEquals(3, latest.get(mixed).seq());
    }

    @Test
    void deletingARoomRemovesEveryMessage() {
        String room = seeded(2_500, ANA);
        store.deleteRoom(room);
        assertEquals(0, database.getCollection("messages").countDocuments(Filters.eq("roomId", room)));
        assertEquals(0, store.latestSeq(room));
    }

    @Test
    void concurrentChangesOfOneMessageTakeDenseVersionsAndNoneIsLost() throws Exception {
        String room = UUID.randomUUID().toString();
        long seq = store.append(room, ANA, "c1", MessageStore.Draft.of("react to me")).message().seq();
        // another server already took version 1 of the room
        database.getCollection("message_changes").insertOne(new Document("_id", room + ":1").append("roomId", room)
                .append("version", 1L).append("seq", seq).append("at", new Date()));
        int reactors = 8;
        ExecutorService pool = Executors.newFixedThreadPool(reactors);
        try {
            List<Future<?>> reactions = new ArrayList<>();
            for (int i = 0; i < reactors; i++) {
                String userId = "user-" + i;
                reactions.add(pool.submit(() -> store.change(room, seq, m -> m.withReaction("\uD83D\uDC4D", userId, true))));
            }
            for (Future<?> reaction : reactions) {
                reaction.get();
            }
        } finally {
            pool.shutdown();
        }
        Message reacted = store.find(room, seq).orElseThrow();
        assertEquals(reactors, reacted.reactions().get(0).count(), "every reaction counted once");
        // a writer that lost a race claims a newer version: some versions name the message without being its state
        long latest = store.latestVersion(room);
        assertTrue(latest >= 1 + reactors, "at least one version per change, after the other server's");
        assertEquals(latest, reacted.version(), "the message is at the room's last version");
        assertEquals(latest, database.getCollection("message_changes").countDocuments(Filters.eq("roomId", room)),
                "versions 1.." + latest + ", none skipped");
        MessageStore.ChangePage changes = store.changesSince(room, 0, 100);
        assertEquals(List.of(reacted), changes.messages(), "one message, as it is now");
        assertEquals(latest, changes.version());
        assertFalse(changes.hasMore());
        assertFalse(store.change(room, seq, m -> m.withReaction("\uD83D\uDC4D", "user-0", true)).orElseThrow().changed(),
                "a repeat changes nothing");
        assertTrue(store.change(room, 999, m -> m.withPinned(true)).isEmpty(), "no such message");
    }

    @Test
    void deletingARoomRemovesItsChangesThreadsAndPins() {
        String room = UUID.randomUUID().toString();
        Message root = store.append(room, ANA, "r", MessageStore.Draft.of("root")).message();
        MessageStore.Appended reply = store.append(room, BOB, "a", new MessageStore.Draft("reply",
                dev.blau.chat.messages.entity.ReplyTo.of(root), List.of(), false));
        assertEquals(1, reply.root().replyCount());
        assertEquals(List.of(reply.message()), store.replies(room, root.seq(), 0, 10));
        store.change(room, root.seq(), m -> m.withPinned(true));
        store.listPin(room, root.seq(), true);
        store.deleteRoom(room);
        for (String collection : List.of("messages", "message_changes")) {
            assertEquals(0, database.getCollection(collection).countDocuments(Filters.eq("roomId", room)), collection);
        }
        assertEquals(0, database.getCollection("message_threads").countDocuments(Filters.regex("_id", "^" + room)));
        assertTrue(store.pinnedSeqs(room).isEmpty());
        assertEquals(0, store.latestVersion(room));
        // the room's events still arriving from Kafka afterwards bring nothing back
        store.observed(room, reply.message().seq(), Instant.now());
        store.observedVersion(room, 2, Instant.now());
        assertEquals(0, store.latestVersion(room));
        assertEquals(0, store.latestSeq(room));
    }

    private String seeded(int messages, UserRef sender) {
        String room = UUID.randomUUID().toString();
        insert(room, 1, messages, sender);
        return room;
    }

    // the documents as any chat server stores them
    private void insert(String room, long from, long to, UserRef sender) {
        List<Document> batch = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            String clientMsgId = "seed-" + seq;
            batch.add(new Document("_id", room + ":" + seq).append("roomId", room).append("seq", seq)
                    .append("senderId", sender.id()).append("senderName", sender.displayName())
                    .append("text", "message " + seq).append("clientMsgId", clientMsgId)
                    .append("idempotencyKey", room + "|" + sender.id() + "|" + clientMsgId)
                    .append("createdAt", new Date()));
            if (batch.size() == 1_000 || seq == to) {
                database.getCollection("messages").insertMany(batch);
                batch = new ArrayList<>();
            }
        }
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }
}
