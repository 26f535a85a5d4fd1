package it.dev.blau.chat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
        assertEquals(1, store.append(room, ANA, "c1", "first").message().seq());
        insert(room, 2, 40, BOB); // another server's sends this one has not heard of
        MessageStore.Appended next = store.append(room, ANA, "c2", "after theirs");
        assertTrue(next.created());
        assertEquals(41, next.message().seq(), "the next seq, no hole and nothing overwritten");
        assertEquals("after theirs", store.after(room, 40, 10).get(0).text());
    }

    @Test
    void aRetryReturnsTheOriginalAndStoresNothing() {
        String room = UUID.randomUUID().toString();
        MessageStore.Appended first = store.append(room, ANA, "same", "hello");
        MessageStore.Appended again = store.append(room, ANA, "same", "hello again");
        assertFalse(again.created());
        assertEquals(first.message().id(), again.message().id());
        assertEquals("hello", again.message().text());
        assertEquals(1, store.latestSeq(room));
    }

    @Test
    void latestAndUnreadOfManyRoomsAtOnce() {
        String quiet = UUID.randomUUID().toString();
        String busy = seeded(500, BOB);
        String mixed = UUID.randomUUID().toString();
        store.append(mixed, BOB, "m1", "theirs");
        store.append(mixed, ANA, "m2", "mine");
        store.append(mixed, BOB, "m3", "theirs again");
        Map<String, Message> latest = store.latest(List.of(quiet, busy, mixed));
        assertFalse(latest.containsKey(quiet));
        assertEquals(500, latest.get(busy).seq());
        assertEquals(3, latest.get(mixed).seq());
        Map<String, Long> unread = store.unread(ANA.id(), Map.of(quiet, 0L, busy, 100L, mixed, 0L), latest);
        assertEquals(0L, unread.get(quiet));
        assertEquals(400L, unread.get(busy), "past the counted window every message counts");
        assertEquals(2L, unread.get(mixed), "her own message is not unread");
    }

    @Test
    void deletingARoomRemovesEveryMessage() {
        String room = seeded(2_500, ANA);
        store.deleteRoom(room);
        assertEquals(0, database.getCollection("messages").countDocuments(Filters.eq("roomId", room)));
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
