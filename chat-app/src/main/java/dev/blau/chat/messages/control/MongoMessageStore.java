package dev.blau.chat.messages.control;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.entity.Message;

/**
 * Messages in MongoDB. A message's {@code _id} is {@code <roomId>:<seq>}, so the store itself
 * refuses a second message with a taken seq: a writer inserts {@code last + 1} and, when
 * another server got there first, reads the new last and tries again. An insert either stores
 * the message or nothing, and seq n + 1 is only tried once n is taken, so no failure can
 * leave a hole. A unique {@code idempotencyKey}
 * ({@code roomId|senderId|clientMsgId}) turns a retried send into a read of the original.
 * Both are single-field unique keys, which every MongoDB-compatible store enforces.
 */
@ApplicationScoped
public class MongoMessageStore implements MessageStore {

    private static final Logger LOG = Logger.getLogger(MongoMessageStore.class.getName());
    private static final int MAX_ATTEMPTS = 200;

    @Inject
    MongoDatabase database;

    /** The highest seq this server has seen per room: where the next insert starts. */
    private final Map<String, Long> lastSeqHint = new ConcurrentHashMap<>();

    private MongoCollection<Document> messages;

    @PostConstruct
    void init() {
        messages = database.getCollection("messages");
    }

    /** Indexes are created at startup, and again whenever the store was away then. */
    public void ensureIndexes() {
        messages.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true).name("idempotency"));
        optionalIndex(Indexes.compoundIndex(Indexes.ascending("roomId"), Indexes.ascending("seq")), "room_seq");
        optionalIndex(Indexes.compoundIndex(Indexes.ascending("published"), Indexes.ascending("createdAt")), "outbox");
    }

    // range and outbox indexes only speed reads; a store that cannot build them still works
    private void optionalIndex(Bson keys, String name) {
        try {
            messages.createIndex(keys, new IndexOptions().name(name));
        } catch (MongoException e) {
            LOG.info(() -> "Index " + name + " not created (" + e.getMessage() + "); reads scan instead");
        }
    }

    @Override
    public Appended append(String roomId, UserRef sender, String clientMsgId, String text) {
        String idempotencyKey = roomId + "|" + sender.id() + "|" + clientMsgId;
        return available(() -> {
            Optional<Message> earlier = byIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                return new Appended(earlier.get(), false);
            }
            long seq = lastSeqHint.computeIfAbsent(roomId, this::lastSeq) + 1;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Instant now = Instant.now();
                Message message = new Message(roomId + ":" + seq, roomId, seq, sender.id(), sender.displayName(),
                        text, clientMsgId, now);
                try {
                    messages.insertOne(toDocument(message, idempotencyKey));
                    lastSeqHint.merge(roomId, seq, Math::max);
                    return new Appended(message, true);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    earlier = byIdempotencyKey(idempotencyKey);
                    if (earlier.isPresent()) { // the same send, stored by a concurrent retry
                        return new Appended(earlier.get(), false);
                    }
                    // another server took this seq: try the next, and after a few misses ask for the last
                    if (attempt % 4 == 3) {
                        long last = lastSeq(roomId);
                        lastSeqHint.merge(roomId, last, Math::max);
                        seq = Math.max(seq, last) + 1;
                    } else {
                        seq++;
                    }
                }
            }
            throw new StoreUnavailableException("too much contention on room " + roomId, null);
        });
    }

    @Override
    public List<Message> before(String roomId, long before, int limit) {
        return available(() -> list(and(eq("roomId", roomId), lt("seq", before)), descending("seq"), limit));
    }

    @Override
    public List<Message> after(String roomId, long after, int limit) {
        return available(() -> list(and(eq("roomId", roomId), gt("seq", after)), ascending("seq"), limit));
    }

    @Override
    public Optional<Message> latest(String roomId) {
        return available(() -> list(eq("roomId", roomId), descending("seq"), 1).stream().findFirst());
    }

    @Override
    public long unread(String roomId, String userId, long lastReadSeq) {
        return available(() -> messages.countDocuments(
                and(eq("roomId", roomId), gt("seq", lastReadSeq), ne("senderId", userId))));
    }

    @Override
    public void markPublished(String messageId) {
        available(() -> messages.updateOne(eq("_id", messageId), Updates.set("published", true)));
    }

    @Override
    public List<Message> unpublished(Instant olderThan, int limit) {
        return available(() -> list(and(eq("published", false), lt("createdAt", Date.from(olderThan))),
                ascending("createdAt"), limit));
    }

    @Override
    public void deleteRoom(String roomId) {
        available(() -> messages.deleteMany(eq("roomId", roomId)));
        lastSeqHint.remove(roomId);
    }

    private long lastSeq(String roomId) {
        Document last = messages.find(eq("roomId", roomId)).sort(descending("seq")).limit(1).first();
        return last == null ? 0 : last.get("seq", Number.class).longValue();
    }

    private Optional<Message> byIdempotencyKey(String key) {
        return Optional.ofNullable(messages.find(eq("idempotencyKey", key)).first()).map(MongoMessageStore::toMessage);
    }

    private List<Message> list(Bson filter, Bson sort, int limit) {
        List<Message> found = new ArrayList<>();
        for (Document doc : messages.find(filter).sort(sort).limit(limit)) {
            found.add(toMessage(doc));
        }
        return found;
    }

    private static Document toDocument(Message m, String idempotencyKey) {
        return new Document("_id", m.id())
                .append("roomId", m.roomId())
                .append("seq", m.seq())
                .append("senderId", m.senderId())
                .append("senderName", m.senderName())
                .append("text", m.text())
                .append("clientMsgId", m.clientMsgId())
                .append("idempotencyKey", idempotencyKey)
                .append("createdAt", Date.from(m.createdAt()))
                .append("published", false);
    }

    private static Message toMessage(Document d) {
        return new Message(d.getString("_id"), d.getString("roomId"), d.get("seq", Number.class).longValue(),
                d.getString("senderId"), d.getString("senderName"), d.getString("text"), d.getString("clientMsgId"),
                d.getDate("createdAt").toInstant());
    }

    /** A store that cannot be reached is a fast, named failure, never a hung or half-done call. */
    private static <T> T available(Supplier<T> call) {
        try {
            return call.get();
        } catch (MongoWriteException e) {
            throw e;
        } catch (MongoException e) {
            throw new StoreUnavailableException("message store unavailable: " + e.getClass().getSimpleName(), e);
        }
    }
}
