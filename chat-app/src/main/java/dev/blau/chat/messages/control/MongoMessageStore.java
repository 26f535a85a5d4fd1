package dev.blau.chat.messages.control;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import org.bson.conversions.Bson;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.messages.entity.Attachment;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.messages.entity.Reaction;
import dev.blau.chat.messages.entity.ReplyTo;

/**
 * Messages in MongoDB, addressed only by key. A message's {@code _id} is {@code <roomId>:<seq>},
 * so the store itself refuses a second message with a taken seq: a writer inserts
 * {@code last + 1} and, when another server got there first, looks for the new last and tries
 * again. An insert stores all or nothing and seq n + 1 is only tried once n is taken, so no
 * failure leaves a hole, and because seqs are dense every read is a list of known ids
 * ({@code _id $in [...]}): a history page, the latest messages of a room list. The unique
 * key is all any MongoDB-compatible store needs to serve them, so a send or a page costs the
 * same with a million messages stored as with none.
 * <p>
 * Where a room's last seq is: each server remembers the highest seq it stored or found in the
 * store; {@code room_heads} keeps a copy for other servers and restarts, written in batches
 * (never per message) and only ever a lower bound. From a lower bound the true last is found
 * with a few key lookups: a gallop (+1, +2, +4, …) and then a search between the last id found
 * and the first missing one. A seq seen on the event stream ({@link #observed}) and stored while
 * this server ran moves the head at once; one stored before it started is only a hint, checked
 * by one key lookup before a send starts after it: after a restore from backup (every server
 * stopped, as the guide says), Kafka still names messages the store no longer holds, and
 * trusting those would leave a hole.
 * <p>
 * Changes work the same way. A change first claims the room's next version by inserting
 * {@code message_changes} {@code <roomId>:<version>} (the unique key refuses a taken one, so
 * versions are dense too), then writes the message on the condition that its version is still
 * the one the change was computed from. What changed since version v is then the list of ids
 * v + 1, v + 2, … and the messages they name. A reply is counted on its root, which gives it its
 * place n in the thread ({@code message_threads} {@code <roomId>:<rootSeq>:<n>}); pins are one
 * small document per room ({@code room_pins}).
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

    @Inject
    StoreCircuit circuit;

    /** The highest seq known stored, per room: a lower bound of the true last. */
    private final Map<String, Long> heads = new ConcurrentHashMap<>();
    /** The highest version known stored, per room: a lower bound of the true last. */
    private final Map<String, Long> versionHeads = new ConcurrentHashMap<>();
    /** When this server started: events stored before it may name what a restore took back. */
    private final Instant startedAt = Instant.now();
    /** Seqs and versions seen on the event stream above the known heads, not yet checked in the store. */
    private final Map<String, Long> seqHints = new ConcurrentHashMap<>();
    private final Map<String, Long> versionHints = new ConcurrentHashMap<>();
    /** Rooms whose head or version moved since room_heads was last written. */
    private final Set<String> movedHeads = ConcurrentHashMap.newKeySet();
    /**
     * Rooms deleted here, and when: their events still arriving from Kafka must not bring their
     * heads back (in memory, and into room_heads at the next flush). Room ids are never reused;
     * forgotten after {@link #DELETED_ROOMS_KEPT}.
     */
    private final Map<String, Instant> deletedRooms = new ConcurrentHashMap<>();
    private static final java.time.Duration DELETED_ROOMS_KEPT = java.time.Duration.ofHours(1);

    private MongoCollection<Document> messages;
    private GroupedInserts sends;
    private MongoCollection<Document> roomHeads;
    private MongoCollection<Document> changes;
    private MongoCollection<Document> threads;
    private MongoCollection<Document> pins;

    @PostConstruct
    void init() {
        messages = database.getCollection("messages");
        sends = new GroupedInserts(messages);
        roomHeads = database.getCollection("room_heads");
        changes = database.getCollection("message_changes");
        threads = database.getCollection("message_threads");
        pins = database.getCollection("room_pins");
    }

    /** Indexes are created at startup, and again whenever the store was away then. */
    public void ensureIndexes() {
        messages.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true).name("idempotency"));
    }

    @Override
    public Appended append(String roomId, UserRef sender, String clientMsgId, Draft draft) {
        String idempotencyKey = idempotencyKey(roomId, sender.id(), clientMsgId);
        return available(() -> {
            long seq = appendAfter(roomId) + 1;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Message message = Message.sent(id(roomId, seq), roomId, seq, sender.id(), sender.displayName(),
                        draft.text(), clientMsgId, Message.now(), draft.replyTo(), draft.mentions(), draft.mentionsRoom(),
                        draft.attachments());
                // no read first: a retry is told apart by the idempotency key refusing the insert;
                // written with the concurrent sends of other rooms in one request
                if (sends.insert(toDocument(message, idempotencyKey)) == GroupedInserts.Outcome.INSERTED) {
                    stored(roomId, seq);
                    return new Appended(message, true, message.replyTo() == null ? null : countReply(message));
                }
                // the key is taken
                Document earlier = messages.find(eq("idempotencyKey", idempotencyKey)).first();
                if (earlier != null) { // a retry of a stored send, or a concurrent one that won
                    Message stored = toMessage(earlier);
                    // a reply whose first attempt stopped before its root counted it is counted now
                    boolean uncounted = stored.replyTo() != null && earlier.get("threadIndex") == null;
                    return new Appended(stored, false, uncounted ? countReply(stored) : null);
                }
                // another server took this seq: find the room's new last and try after it
                long last = lastFrom(roomId, seq);
                stored(roomId, last);
                seq = last + 1;
            }
            throw new StoreUnavailableException("too much contention on room " + roomId, null);
        });
    }

    // the root counts the reply (a change of the root), which gives the reply its place in the thread
    private Message countReply(Message reply) {
        long rootSeq = reply.replyTo().seq();
        Optional<Changed> root = change(reply.roomId(), rootSeq, m -> m.withReplyCount(m.replyCount() + 1));
        if (root.isEmpty()) {
            return null;
        }
        int place = root.get().message().replyCount();
        threads.insertOne(new Document("_id", threadId(reply.roomId(), rootSeq, place)).append("seq", reply.seq()));
        messages.updateOne(eq("_id", reply.id()), Updates.set("threadIndex", place));
        return root.get().message();
    }

    private static String idempotencyKey(String roomId, String senderId, String clientMsgId) {
        return roomId + "|" + senderId + "|" + clientMsgId;
    }

    @Override
    public Optional<Message> findSent(String roomId, String senderId, String clientMsgId) {
        return available(() -> Optional.ofNullable(messages.find(
                eq("idempotencyKey", idempotencyKey(roomId, senderId, clientMsgId))).first()).map(MongoMessageStore::toMessage));
    }

    @Override
    public Optional<Message> find(String roomId, long seq) {
        return available(() -> Optional.ofNullable(messages.find(eq("_id", id(roomId, seq))).first())
                .map(MongoMessageStore::toMessage));
    }

    @Override
    public Optional<Changed> change(String roomId, long seq, UnaryOperator<Message> change) {
        return available(() -> {
            long claimed = 0;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Document document = messages.find(eq("_id", id(roomId, seq))).first();
                if (document == null) {
                    return Optional.<Changed>empty();
                }
                Message current = toMessage(document);
                Message next = change.apply(current);
                if (next == null || next.equals(current)) {
                    return Optional.of(new Changed(current, false));
                }
                if (claimed <= current.version()) { // none yet, or one older than what the message has now
                    claimed = claimVersion(roomId, seq);
                }
                Message changed = next.withVersion(claimed);
                // only over the state the change was computed from: a concurrent change makes it run again
                Bson unchanged = current.version() == 0
                        ? or(eq("version", 0L), exists("version", false)) : eq("version", current.version());
                if (messages.updateOne(and(eq("_id", current.id()), unchanged), changeOf(changed)).getMatchedCount() == 1) {
                    return Optional.of(new Changed(changed, true));
                }
            }
            throw new StoreUnavailableException("too much contention on message " + id(roomId, seq), null);
        });
    }

    // inserts the room's next change entry: dense like seqs, since the unique key refuses a taken version
    private long claimVersion(String roomId, long seq) {
        long version = claimAfter(roomId) + 1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                changes.insertOne(new Document("_id", changeId(roomId, version)).append("roomId", roomId)
                        .append("version", version).append("seq", seq).append("at", new Date()));
                storedVersion(roomId, version);
                return version;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                long last = lastDense(changes, v -> changeId(roomId, v), version);
                storedVersion(roomId, last);
                version = last + 1;
            }
        }
        throw new StoreUnavailableException("too much contention on room " + roomId, null);
    }

    @Override
    public ChangePage changesSince(String roomId, long sinceVersion, int limit) {
        return available(() -> {
            long latest = latestVersion(roomId);
            long to = Math.min(latest, sinceVersion + limit);
            if (to <= sinceVersion) {
                return new ChangePage(List.of(), latest, false);
            }
            List<String> ids = new ArrayList<>();
            for (long v = sinceVersion + 1; v <= to; v++) {
                ids.add(changeId(roomId, v));
            }
            // each changed message once, where its latest change in the range puts it
            Map<Long, Long> versionBySeq = new HashMap<>();
            for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
                for (Document entry : changes.find(in("_id", ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY))))
                        .projection(include("seq", "version"))) {
                    versionBySeq.merge(entry.get("seq", Number.class).longValue(),
                            entry.get("version", Number.class).longValue(), Math::max);
                }
            }
            List<Long> seqs = new ArrayList<>(versionBySeq.keySet());
            seqs.sort(Comparator.comparingLong(versionBySeq::get));
            return new ChangePage(bySeqs(roomId, seqs), to, to < latest);
        });
    }

    @Override
    public long latestKnownVersion(String roomId) {
        return available(() -> knownVersion(roomId));
    }

    @Override
    public long latestVersion(String roomId) {
        return available(() -> {
            long last = lastDense(changes, v -> changeId(roomId, v), knownVersion(roomId));
            storedVersion(roomId, last);
            return last;
        });
    }

    @Override
    public void observedVersion(String roomId, long version, Instant at) {
        if (live(at)) {
            storedVersion(roomId, version);
        } else {
            hint(versionHints, versionHeads, roomId, version);
        }
    }

    private void storedVersion(String roomId, long version) {
        if (deletedRooms.containsKey(roomId)) {
            return;
        }
        Long before = versionHeads.get(roomId);
        if (before == null || version > before) {
            versionHeads.merge(roomId, version, Math::max);
            movedHeads.add(roomId);
        }
    }

    // where the next claim starts: the known version, or the stream's hint once the store has it
    private long claimAfter(String roomId) {
        long known = knownVersion(roomId);
        Long hint = versionHints.remove(roomId);
        if (hint != null && hint > known && !existing(changes, v -> changeId(roomId, v), List.of(hint)).isEmpty()) {
            storedVersion(roomId, hint);
            return hint;
        }
        return known;
    }

    @Override
    public List<Message> replies(String roomId, long rootSeq, long afterSeq, int limit) {
        return available(() -> {
            Message root = find(roomId, rootSeq).orElse(null);
            if (root == null) {
                return List.<Message>of();
            }
            long from = 0;
            if (afterSeq > 0) {
                Document after = messages.find(eq("_id", id(roomId, afterSeq))).projection(include("threadIndex")).first();
                Number place = after == null ? null : after.get("threadIndex", Number.class);
                from = place == null ? 0 : place.longValue();
            }
            List<String> ids = new ArrayList<>();
            for (long place = from + 1; place <= Math.min(root.replyCount(), from + limit); place++) {
                ids.add(threadId(roomId, rootSeq, place));
            }
            List<Long> seqs = new ArrayList<>();
            for (Document entry : threads.find(in("_id", ids))) {
                seqs.add(entry.get("seq", Number.class).longValue());
            }
            seqs.sort(Comparator.naturalOrder());
            return bySeqs(roomId, seqs);
        });
    }

    @Override
    public List<Long> pinnedSeqs(String roomId) {
        return available(() -> {
            Document doc = pins.find(eq("_id", roomId)).first();
            List<Long> seqs = new ArrayList<>();
            if (doc != null && doc.getList("seqs", Number.class) != null) {
                doc.getList("seqs", Number.class).forEach(n -> seqs.add(0, n.longValue())); // newest pin first
            }
            return seqs;
        });
    }

    @Override
    public void listPin(String roomId, long seq, boolean on) {
        available(() -> pins.updateOne(eq("_id", roomId),
                on ? Updates.addToSet("seqs", seq) : Updates.pull("seqs", seq), new UpdateOptions().upsert(true)));
    }

    @Override
    public List<Message> bySeqs(String roomId, List<Long> seqs) {
        Map<String, Message> found = new HashMap<>();
        available(() -> byIds(seqs.stream().map(seq -> id(roomId, seq)).toList())).forEach(m -> found.put(m.id(), m));
        List<Message> ordered = new ArrayList<>();
        for (long seq : seqs) {
            Message message = found.get(id(roomId, seq));
            if (message != null) {
                ordered.add(message);
            }
        }
        return ordered;
    }

    @Override
    public List<Message> bySeqs(Map<String, List<Long>> seqsByRoom) {
        List<String> ids = new ArrayList<>();
        seqsByRoom.forEach((roomId, seqs) -> seqs.forEach(seq -> ids.add(id(roomId, seq))));
        return available(() -> byIds(ids)); // behind the breaker: a search during an outage is refused at once
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
            stored(roomId, last);
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
                stored(roomId, last);
                byIds(List.of(id(roomId, last))).forEach(m -> latest.put(roomId, m));
            }
            return latest;
        });
    }

    @Override
    public void observed(String roomId, long seq, Instant at) {
        if (live(at)) {
            stored(roomId, seq);
        } else {
            hint(seqHints, heads, roomId, seq);
        }
    }

    // stored while this server ran: a restore (which stops every server) did not take it back
    private boolean live(Instant at) {
        return at != null && at.isAfter(startedAt);
    }

    private void hint(Map<String, Long> hints, Map<String, Long> known, String roomId, long value) {
        Long head = known.get(roomId);
        if (!deletedRooms.containsKey(roomId) && (head == null || value > head)) {
            hints.merge(roomId, value, Math::max);
        }
    }

    // where the next append starts: the known head, or the stream's hint once the store has it
    private long appendAfter(String roomId) {
        long known = knownHead(roomId);
        Long hint = seqHints.remove(roomId);
        if (hint != null && hint > known && !existing(messages, seq -> id(roomId, seq), List.of(hint)).isEmpty()) {
            stored(roomId, hint);
            return hint;
        }
        return known;
    }

    private void stored(String roomId, long seq) {
        if (deletedRooms.containsKey(roomId)) {
            return;
        }
        Long before = heads.get(roomId);
        if (before == null || seq > before) {
            heads.merge(roomId, seq, Math::max);
            movedHeads.add(roomId);
        }
    }

    /** Writes the heads that moved since the last call, one bulk write (called every second or so). */
    public void flushHeads() {
        Instant forgetBefore = Instant.now().minus(DELETED_ROOMS_KEPT);
        deletedRooms.values().removeIf(deletedAt -> deletedAt.isBefore(forgetBefore));
        if (movedHeads.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (String roomId : List.copyOf(movedHeads)) {
            movedHeads.remove(roomId);
            List<Bson> moved = new ArrayList<>();
            Long seq = heads.get(roomId);
            if (seq != null && seq > 0) {
                moved.add(Updates.max("lastSeq", seq));
            }
            Long version = versionHeads.get(roomId);
            if (version != null && version > 0) {
                moved.add(Updates.max("lastVersion", version));
            }
            if (!moved.isEmpty()) {
                updates.add(new UpdateOneModel<>(eq("_id", roomId), Updates.combine(moved),
                        new UpdateOptions().upsert(true)));
            }
        }
        if (!updates.isEmpty()) {
            available(() -> roomHeads.bulkWrite(updates));
        }
    }

    @Override
    public void deleteRoom(String roomId) {
        deletedRooms.put(roomId, Instant.now());
        available(() -> {
            long last = lastFrom(roomId, knownHead(roomId));
            for (long from = 1; from <= last; from += IDS_PER_QUERY) {
                List<String> ids = new ArrayList<>();
                for (long seq = from; seq <= Math.min(last, from + IDS_PER_QUERY - 1); seq++) {
                    ids.add(id(roomId, seq));
                }
                // thread entries go with their roots
                List<String> threadIds = new ArrayList<>();
                for (Document root : messages.find(in("_id", ids)).projection(include("seq", "replyCount"))) {
                    Number replies = root.get("replyCount", Number.class);
                    long rootSeq = root.get("seq", Number.class).longValue();
                    for (long place = 1; replies != null && place <= replies.longValue(); place++) {
                        threadIds.add(threadId(roomId, rootSeq, place));
                    }
                }
                deleteByIds(threads, threadIds);
                messages.deleteMany(in("_id", ids));
            }
            long lastVersion = lastDense(changes, v -> changeId(roomId, v), knownVersion(roomId));
            List<String> changeIds = new ArrayList<>();
            for (long v = 1; v <= lastVersion; v++) {
                changeIds.add(changeId(roomId, v));
            }
            deleteByIds(changes, changeIds);
            pins.deleteOne(eq("_id", roomId));
            roomHeads.deleteOne(eq("_id", roomId));
            return null;
        });
        heads.remove(roomId);
        versionHeads.remove(roomId);
        seqHints.remove(roomId);
        versionHints.remove(roomId);
        movedHeads.remove(roomId);
    }

    private static void deleteByIds(MongoCollection<Document> collection, List<String> ids) {
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            collection.deleteMany(in("_id", ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY))));
        }
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
        loadHead(roomId);
        return heads.get(roomId);
    }

    private long knownVersion(String roomId) {
        Long known = versionHeads.get(roomId);
        if (known != null) {
            return known;
        }
        loadHead(roomId);
        return versionHeads.get(roomId);
    }

    private void loadHead(String roomId) {
        Document head = roomHeads.find(eq("_id", roomId)).first();
        heads.merge(roomId, number(head, "lastSeq"), Math::max);
        versionHeads.merge(roomId, number(head, "lastVersion"), Math::max);
    }

    private static long number(Document document, String field) {
        Number value = document == null ? null : document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
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
                known.put(head.getString("_id"), number(head, "lastSeq"));
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
        return lastDense(messages, seq -> id(roomId, seq), from);
    }

    /** The last number of a dense sequence of ids 1..last in {@code collection}, from one known to exist (or 0). */
    private static long lastDense(MongoCollection<Document> collection, LongFunction<String> idOf, long from) {
        long low = Math.max(0, from);
        long high;
        while (true) {
            List<Long> points = new ArrayList<>();
            for (long step = 1; points.size() < 40; step <<= 1) {
                points.add(low + step);
            }
            Set<Long> found = existing(collection, idOf, points);
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
            Set<Long> found = existing(collection, idOf, points);
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

    private static Set<Long> existing(MongoCollection<Document> collection, LongFunction<String> idOf, List<Long> seqs) {
        Map<String, Long> bySeq = new HashMap<>();
        seqs.forEach(seq -> bySeq.put(idOf.apply(seq), seq));
        Set<Long> found = new HashSet<>();
        for (Document d : collection.find(in("_id", List.copyOf(bySeq.keySet()))).projection(include("_id"))) {
            found.add(bySeq.get(d.getString("_id")));
        }
        return found;
    }

    static String id(String roomId, long seq) {
        return roomId + ":" + seq;
    }

    private static String changeId(String roomId, long version) {
        return roomId + ":" + version;
    }

    private static String threadId(String roomId, long rootSeq, long place) {
        return roomId + ":" + rootSeq + ":" + place;
    }

    // a new message's document: what is empty at first is left out, read back as empty
    private static Document toDocument(Message m, String idempotencyKey) {
        Document d = new Document("_id", m.id())
                .append("roomId", m.roomId())
                .append("seq", m.seq())
                .append("senderId", m.senderId())
                .append("senderName", m.senderName())
                .append("text", m.text())
                .append("clientMsgId", m.clientMsgId())
                .append("idempotencyKey", idempotencyKey)
                .append("createdAt", Date.from(m.createdAt()));
        if (m.replyTo() != null) {
            d.append("replyTo", new Document("seq", m.replyTo().seq()).append("senderName", m.replyTo().senderName())
                    .append("excerpt", m.replyTo().excerpt()));
        }
        if (!m.mentions().isEmpty()) {
            d.append("mentions", m.mentions());
        }
        if (Boolean.TRUE.equals(m.mentionsRoom())) {
            d.append("mentionsRoom", true);
        }
        if (m.attachments() != null) {
            d.append("attachments", m.attachments().stream().map(MongoMessageStore::toDocument).toList());
        }
        return d;
    }

    // what a message keeps of a file; the URLs follow from the id
    private static Document toDocument(Attachment file) {
        Document d = new Document("id", file.id()).append("name", file.name())
                .append("contentType", file.contentType()).append("size", file.size());
        if (file.width() != null) {
            d.append("width", file.width()).append("height", file.height());
        }
        return d.append("thumbnail", file.hasThumbnail());
    }

    private static List<Attachment> attachments(List<Document> stored) {
        if (stored == null) {
            return null;
        }
        return stored.stream().map(f -> Attachment.of(f.getString("id"), f.getString("name"), f.getString("contentType"),
                f.get("size", Number.class).longValue(), f.getInteger("width"), f.getInteger("height"),
                Boolean.TRUE.equals(f.getBoolean("thumbnail")))).toList();
    }

    // every field a change may touch, and the new version
    private static Bson changeOf(Message m) {
        List<Document> reactions = m.reactions().stream()
                .map(r -> new Document("emoji", r.emoji()).append("userIds", r.userIds())).toList();
        return Updates.combine(
                // only an erasure changes the sender's name, and the quote of an erased root in a reply
                Updates.set("senderName", m.senderName()),
                m.replyTo() == null ? Updates.unset("replyTo") : Updates.set("replyTo", new Document("seq", m.replyTo().seq())
                        .append("senderName", m.replyTo().senderName()).append("excerpt", m.replyTo().excerpt())),
                Updates.set("text", m.text()),
                Updates.set("editedAt", m.editedAt() == null ? null : Date.from(m.editedAt())),
                Updates.set("deleted", m.deleted()),
                Updates.set("mentions", m.mentions()),
                Updates.set("mentionsRoom", m.mentionsRoom()),
                Updates.set("reactions", reactions),
                Updates.set("pinned", m.pinned()),
                Updates.set("replyCount", m.replyCount()),
                Updates.set("version", m.version()),
                // only a deletion changes them: a tombstone keeps no files
                m.attachments() == null ? Updates.unset("attachments") : Updates.set("attachments",
                        m.attachments().stream().map(MongoMessageStore::toDocument).toList()));
    }

    private static Message toMessage(Document d) {
        Document replyTo = d.get("replyTo", Document.class);
        List<Reaction> reactions = new ArrayList<>();
        List<Document> stored = d.getList("reactions", Document.class);
        if (stored != null) {
            for (Document r : stored) {
                List<String> userIds = r.getList("userIds", String.class);
                reactions.add(new Reaction(r.getString("emoji"), userIds.size(), null, userIds));
            }
        }
        Date editedAt = d.getDate("editedAt");
        return new Message(d.getString("_id"), d.getString("roomId"), d.get("seq", Number.class).longValue(),
                d.getString("senderId"), d.getString("senderName"), d.getString("text"), d.getString("clientMsgId"),
                d.getDate("createdAt").toInstant(), editedAt == null ? null : editedAt.toInstant(),
                Boolean.TRUE.equals(d.getBoolean("deleted")) ? Boolean.TRUE : null,
                replyTo == null ? null : new ReplyTo(replyTo.get("seq", Number.class).longValue(),
                        replyTo.getString("senderName"), replyTo.getString("excerpt")),
                (int) number(d, "replyCount"), reactions, d.getList("mentions", String.class),
                Boolean.TRUE.equals(d.getBoolean("mentionsRoom")) ? Boolean.TRUE : null,
                Boolean.TRUE.equals(d.getBoolean("pinned")), number(d, "version"),
                attachments(d.getList("attachments", Document.class)));
    }

    private <T> T available(Supplier<T> call) {
        return circuit.available(call);
    }
}
