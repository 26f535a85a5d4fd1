package dev.blau.chat.messages.control;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.entity.Message;

/**
 * Messages in MongoDB, addressed only by key. A message's {@code _id} is {@code <roomId>:<seq>},
 * so the store itself refuses a second message with a taken seq: a writer inserts
 * {@code last + 1} and, when another server got there first, looks for the new last and tries
 * again. An insert stores all or nothing and seq n + 1 is only tried once n is taken, so no
 * failure leaves a hole, and because seqs are dense every read is a list of known ids
 * ({@code _id $in [...]}): a history page, the latest message, the unread window. The unique
 * key is all any MongoDB-compatible store needs to serve them, so a send or a page costs the
 * same with a million messages stored as with none.
 * <p>
 * Where a room's last seq is: each server remembers the highest seq it stored or saw on the
 * event stream ({@link #observed}); {@code room_heads} keeps a copy for other servers and
 * restarts, written in batches (never per message) and only ever a lower bound. From a lower
 * bound the true last is found with a few key lookups: a gallop (+1, +2, +4, …) and then a
 * search between the last id found and the first missing one.
 */
@ApplicationScoped
public class MongoMessageStore implements MessageStore {

    private static final int MAX_ATTEMPTS = 200;
    /** Ids per lookup when searching for a room's last seq. */
    private static final int PROBE_POINTS = 32;
    /** Ids per {@code $in} query, so one call never sends an unbounded list. */
    private static final int IDS_PER_QUERY = 2_000;

    @Inject
    MongoDatabase database;

    /** The highest seq known stored, per room: a lower bound of the true last. */
    private final Map<String, Long> heads = new ConcurrentHashMap<>();
    /** Rooms whose head moved since room_heads was last written. */
    private final Set<String> movedHeads = ConcurrentHashMap.newKeySet();

    private MongoCollection<Document> messages;
    private MongoCollection<Document> roomHeads;

    @PostConstruct
    void init() {
        messages = database.getCollection("messages");
        roomHeads = database.getCollection("room_heads");
    }

    /** Indexes are created at startup, and again whenever the store was away then. */
    public void ensureIndexes() {
        messages.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true).name("idempotency"));
    }

    @Override
    public Appended append(String roomId, UserRef sender, String clientMsgId, String text) {
        String idempotencyKey = roomId + "|" + sender.id() + "|" + clientMsgId;
        return available(() -> {
            long seq = knownHead(roomId) + 1;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Message message = new Message(id(roomId, seq), roomId, seq, sender.id(), sender.displayName(),
                        text, clientMsgId, Instant.now());
                try {
                    // no read first: a retry is told apart by the idempotency key refusing the insert
                    messages.insertOne(toDocument(message, idempotencyKey));
                    observed(roomId, seq);
                    return new Appended(message, true);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    Document earlier = messages.find(eq("idempotencyKey", idempotencyKey)).first();
                    if (earlier != null) { // a retry of a stored send, or a concurrent one that won
                        return new Appended(toMessage(earlier), false);
                    }
                    // another server took this seq: find the room's new last and try after it
                    long last = lastFrom(roomId, seq);
                    observed(roomId, last);
                    seq = last + 1;
                }
            }
            throw new StoreUnavailableException("too much contention on room " + roomId, null);
        });
    }

    @Override
    public List<Message> before(String roomId, long before, int limit) {
        return available(() -> {
            long top = Math.min(before - 1, latestSeq(roomId));
            List<String> ids = new ArrayList<>();
            for (long seq = top; seq >= 1 && ids.size() < limit; seq--) {
                ids.add(id(roomId, seq));
            }
            List<Message> page = byIds(ids);
            page.sort(Comparator.comparingLong(Message::seq).reversed());
            return page;
        });
    }

    @Override
    public List<Message> after(String roomId, long after, int limit) {
        return available(() -> {
            List<String> ids = new ArrayList<>();
            for (long seq = after + 1; ids.size() < limit; seq++) {
                ids.add(id(roomId, seq));
            }
            List<Message> page = byIds(ids);
            page.sort(Comparator.comparingLong(Message::seq));
            return page;
        });
    }

    @Override
    public long latestKnownSeq(String roomId) {
        return available(() -> knownHead(roomId));
    }

    @Override
    public long latestSeq(String roomId) {
        return available(() -> {
            long last = lastFrom(roomId, knownHead(roomId));
            observed(roomId, last);
            return last;
        });
    }

    @Override
    public Map<String, Message> latest(Collection<String> roomIds) {
        return available(() -> {
            Map<String, Long> known = knownHeads(roomIds);
            // one lookup for every room: its known last and the one after it, which should not exist
            List<String> ids = new ArrayList<>();
            known.forEach((roomId, seq) -> {
                if (seq > 0) {
                    ids.add(id(roomId, seq));
                }
                ids.add(id(roomId, seq + 1));
            });
            Map<String, Message> latest = new HashMap<>();
            Set<String> moved = new HashSet<>();
            for (Message message : byIds(ids)) {
                if (message.seq() == known.get(message.roomId())) {
                    latest.putIfAbsent(message.roomId(), message);
                } else {
                    moved.add(message.roomId());
                }
            }
            for (String roomId : moved) { // written since: look again, for these rooms only
                long last = lastFrom(roomId, known.get(roomId) + 1);
                observed(roomId, last);
                byIds(List.of(id(roomId, last))).forEach(m -> latest.put(roomId, m));
            }
            return latest;
        });
    }

    @Override
    public Map<String, Long> unread(String userId, Map<String, Long> lastReadByRoom, Map<String, Message> latestByRoom) {
        Map<String, Long> unread = new HashMap<>();
        List<String> window = new ArrayList<>();
        lastReadByRoom.forEach((roomId, lastRead) -> {
            Message last = latestByRoom.get(roomId);
            long latest = last == null ? 0 : last.seq();
            if (latest <= lastRead) {
                unread.put(roomId, 0L);
                return;
            }
            long from = Math.max(lastRead + 1, latest - UNREAD_COUNTED + 1);
            unread.put(roomId, from - lastRead - 1); // beyond the counted window every message counts
            for (long seq = from; seq <= latest; seq++) {
                window.add(id(roomId, seq));
            }
        });
        available(() -> {
            for (int i = 0; i < window.size(); i += IDS_PER_QUERY) {
                for (Document d : messages.find(in("_id", window.subList(i, Math.min(window.size(), i + IDS_PER_QUERY))))
                        .projection(include("roomId", "senderId"))) {
                    if (!userId.equals(d.getString("senderId"))) {
                        unread.merge(d.getString("roomId"), 1L, Long::sum);
                    }
                }
            }
            return null;
        });
        return unread;
    }

    @Override
    public void observed(String roomId, long seq) {
        Long before = heads.get(roomId);
        if (before == null || seq > before) {
            heads.merge(roomId, seq, Math::max);
            movedHeads.add(roomId);
        }
    }

    /** Writes the heads that moved since the last call, one bulk write (called every second or so). */
    public void flushHeads() {
        if (movedHeads.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (String roomId : List.copyOf(movedHeads)) {
            movedHeads.remove(roomId);
            Long seq = heads.get(roomId);
            if (seq != null && seq > 0) {
                updates.add(new UpdateOneModel<>(eq("_id", roomId), Updates.max("lastSeq", seq),
                        new UpdateOptions().upsert(true)));
            }
        }
        if (!updates.isEmpty()) {
            available(() -> roomHeads.bulkWrite(updates));
        }
    }

    @Override
    public void deleteRoom(String roomId) {
        available(() -> {
            long last = lastFrom(roomId, knownHead(roomId));
            for (long from = 1; from <= last; from += IDS_PER_QUERY) {
                List<String> ids = new ArrayList<>();
                for (long seq = from; seq <= Math.min(last, from + IDS_PER_QUERY - 1); seq++) {
                    ids.add(id(roomId, seq));
                }
                messages.deleteMany(in("_id", ids));
            }
            roomHeads.deleteOne(eq("_id", roomId));
            return null;
        });
        heads.remove(roomId);
        movedHeads.remove(roomId);
    }

    /** The messages with these ids that exist, in no particular order. */
    List<Message> byIds(List<String> ids) {
        List<Message> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            for (Document d : messages.find(in("_id", ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY))))) {
                found.add(toMessage(d));
            }
        }
        return found;
    }

    // a lower bound of the room's last seq: this server's memory, else room_heads, else 0
    private long knownHead(String roomId) {
        Long known = heads.get(roomId);
        if (known != null) {
            return known;
        }
        Document head = roomHeads.find(eq("_id", roomId)).first();
        long seq = head == null ? 0 : head.get("lastSeq", Number.class).longValue();
        heads.merge(roomId, seq, Math::max);
        return seq;
    }

    private Map<String, Long> knownHeads(Collection<String> roomIds) {
        Map<String, Long> known = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String roomId : roomIds) {
            Long seq = heads.get(roomId);
            if (seq != null) {
                known.put(roomId, seq);
            } else {
                unknown.add(roomId);
                known.put(roomId, 0L);
            }
        }
        for (int i = 0; i < unknown.size(); i += IDS_PER_QUERY) {
            for (Document head : roomHeads.find(in("_id", unknown.subList(i, Math.min(unknown.size(), i + IDS_PER_QUERY))))) {
                known.put(head.getString("_id"), head.get("lastSeq", Number.class).longValue());
            }
        }
        unknown.forEach(roomId -> heads.merge(roomId, known.get(roomId), Math::max));
        return known;
    }

    /**
     * The room's last seq, given a seq {@code from} that is known to exist (or 0). Seqs are
     * dense, so the ids that exist are exactly 1..last: gallop until an id is missing, then
     * narrow the range between the last id found and the first missing one.
     */
    long lastFrom(String roomId, long from) {
        long low = Math.max(0, from);
        long high;
        while (true) {
            List<Long> points = new ArrayList<>();
            for (long step = 1; points.size() < 40; step <<= 1) {
                points.add(low + step);
            }
            Set<Long> found = existing(roomId, points);
            Long missing = points.stream().filter(p -> !found.contains(p)).findFirst().orElse(null);
            if (missing == null) {
                low = points.get(points.size() - 1);
                continue;
            }
            low = points.stream().filter(p -> p < missing).reduce(low, Math::max);
            high = missing;
            break;
        }
        while (high - low > 1) {
            List<Long> points = new ArrayList<>();
            long span = high - low;
            for (int i = 1; i <= PROBE_POINTS && i < span; i++) {
                points.add(low + Math.max(1, span * i / (PROBE_POINTS + 1)));
            }
            Set<Long> found = existing(roomId, points);
            long newLow = low;
            long newHigh = high;
            for (long p : points) {
                if (found.contains(p)) {
                    newLow = Math.max(newLow, p);
                } else {
                    newHigh = Math.min(newHigh, p);
                }
            }
            low = newLow;
            high = newHigh;
        }
        return low;
    }

    private Set<Long> existing(String roomId, List<Long> seqs) {
        Map<String, Long> bySeq = new HashMap<>();
        seqs.forEach(seq -> bySeq.put(id(roomId, seq), seq));
        Set<Long> found = new HashSet<>();
        for (Document d : messages.find(in("_id", List.copyOf(bySeq.keySet()))).projection(include("_id"))) {
            found.add(bySeq.get(d.getString("_id")));
        }
        return found;
    }

    static String id(String roomId, long seq) {
        return roomId + ":" + seq;
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
                .append("createdAt", Date.from(m.createdAt()));
    }

    private static Message toMessage(Document d) {
        return new Message(d.getString("_id"), d.getString("roomId"), d.get("seq", Number.class).longValue(),
                d.getString("senderId"), d.getString("senderName"), d.getString("text"), d.getString("clientMsgId"),
                d.getDate("createdAt").toInstant());
    }

    /** A store that cannot be reached is a fast, named failure, never a hung or half-done call. */
    static <T> T available(Supplier<T> call) {
        try {
            return call.get();
        } catch (MongoWriteException e) {
            throw e;
        } catch (MongoException e) {
            throw new StoreUnavailableException("message store unavailable: " + e.getClass().getSimpleName(), e);
        }
    }
}
