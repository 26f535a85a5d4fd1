package dev.blau.chat.messages.control;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

/**
 * The outbox of messages: what this server stored and Kafka has not confirmed yet. The
 * messages themselves are the outbox entries; what is written besides them is one marker per
 * room and server ({@code message_outbox}, {@code _id = <server>|<roomId>}), upserted before the
 * first message of a burst and deleted once the room has been quiet and confirmed for a while.
 * So a busy room costs no extra write per message, and a quiet one at most one per message.
 * <p>
 * Which messages wait is kept in memory, by seq; this server republishes them when Kafka did
 * not take them. The markers are for the case where this server dies: every server refreshes
 * its own markers' time and lowest unconfirmed seq every few seconds, and a marker left
 * unrefreshed is taken over by another server, which republishes the room from that seq
 * (receivers drop what they already have, by seq).
 */
@ApplicationScoped
public class MessageOutbox {

    /** A marker its server has not refreshed for this long belongs to a server that is gone. */
    static final long ABANDONED_AFTER_MILLIS = 60_000;
    /** A room confirmed and quiet for this long has its marker removed. */
    static final long QUIET_AFTER_MILLIS = 5_000;

    @Inject
    MongoDatabase database;

    @Inject
    StoreCircuit circuit;

    @Inject
    @ConfigProperty(name = "chat.instance.id", defaultValue = "chat")
    String instance;

    private MongoCollection<Document> markers;
    private final Map<String, RoomBacklog> rooms = new ConcurrentHashMap<>();

    /** One room's unconfirmed messages on this server: seq → when it was (last) handed to Kafka. */
    private static final class RoomBacklog {
        final ConcurrentSkipListMap<Long, Long> unconfirmed = new ConcurrentSkipListMap<>();
        /** Unconfirmed changes: version → the changed message's seq and when it was handed to Kafka. */
        final ConcurrentSkipListMap<Long, UnconfirmedChange> unconfirmedChanges = new ConcurrentSkipListMap<>();
        boolean marked;
        volatile long lastActivity;
    }

    private record UnconfirmedChange(long seq, long handedAt) {
    }

    /** An abandoned marker: messages of the room from {@code fromSeq} on may never have reached Kafka. */
    public record Abandoned(String markerId, String roomId, long fromSeq) {
    }

    @PostConstruct
    void init() {
        markers = database.getCollection("message_outbox");
    }

    /** Before a message is stored as {@code seq} or later: the room's marker exists (written once per burst). */
    public void opening(String roomId, long seq) {
        RoomBacklog backlog = rooms.computeIfAbsent(roomId, r -> new RoomBacklog());
        synchronized (backlog) {
            backlog.lastActivity = System.currentTimeMillis();
            if (!backlog.marked) {
                circuit.available(() -> markers.updateOne(eq("_id", markerId(roomId)),
                        Updates.combine(Updates.set("roomId", roomId), Updates.set("owner", instance),
                                Updates.set("fromSeq", seq), Updates.set("at", new Date())),
                        new UpdateOptions().upsert(true)));
                backlog.marked = true;
            }
        }
    }

    /** The message is stored and on its way to Kafka. */
    public void stored(String roomId, long seq) {
        RoomBacklog backlog = rooms.computeIfAbsent(roomId, r -> new RoomBacklog());
        backlog.unconfirmed.put(seq, System.currentTimeMillis());
        backlog.lastActivity = System.currentTimeMillis();
    }

    /** Kafka has the message. */
    public void confirmed(String roomId, long seq) {
        RoomBacklog backlog = rooms.get(roomId);
        if (backlog != null) {
            backlog.unconfirmed.remove(seq);
        }
    }

    /**
     * A change is stored and on its way to Kafka. Changes need no marker: if this server dies
     * before Kafka has one, clients still get it from the room's changes when they rejoin.
     */
    public void changed(String roomId, long version, long seq) {
        RoomBacklog backlog = rooms.computeIfAbsent(roomId, r -> new RoomBacklog());
        backlog.unconfirmedChanges.put(version, new UnconfirmedChange(seq, System.currentTimeMillis()));
        backlog.lastActivity = System.currentTimeMillis();
    }

    public void changeConfirmed(String roomId, long version) {
        RoomBacklog backlog = rooms.get(roomId);
        if (backlog != null) {
            backlog.unconfirmedChanges.remove(version);
        }
    }

    /** Per room, the seqs of messages whose changes Kafka has not confirmed since before {@code olderThanMillis}. */
    public Map<String, List<Long>> overdueChanges(long olderThanMillis) {
        long now = System.currentTimeMillis();
        Map<String, List<Long>> overdue = new ConcurrentHashMap<>();
        rooms.forEach((roomId, backlog) -> backlog.unconfirmedChanges.forEach((version, change) -> {
            if (change.handedAt() < olderThanMillis) {
                List<Long> seqs = overdue.computeIfAbsent(roomId, r -> new ArrayList<>());
                if (!seqs.contains(change.seq())) {
                    seqs.add(change.seq());
                }
                // the republished current state is tracked again under its own version
                backlog.unconfirmedChanges.remove(version);
            }
        }));
        return overdue;
    }

    /** Per room, the seqs handed to Kafka before {@code olderThanMillis} and not confirmed; marked as handed again now. */
    public Map<String, List<Long>> overdue(long olderThanMillis) {
        long now = System.currentTimeMillis();
        Map<String, List<Long>> overdue = new ConcurrentHashMap<>();
        rooms.forEach((roomId, backlog) -> backlog.unconfirmed.forEach((seq, at) -> {
            if (at < olderThanMillis) {
                overdue.computeIfAbsent(roomId, r -> new ArrayList<>()).add(seq);
                backlog.unconfirmed.replace(seq, at, now);
            }
        }));
        return overdue;
    }

    /**
     * Refreshes this server's markers (time, lowest unconfirmed seq) in one bulk write and
     * removes those of rooms confirmed and quiet; {@code nextSeq} gives a room's next seq.
     */
    public void refresh(java.util.function.ToLongFunction<String> nextSeq) {
        long now = System.currentTimeMillis();
        List<WriteModel<Document>> updates = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        rooms.forEach((roomId, backlog) -> {
            synchronized (backlog) {
                if (!backlog.marked) { // only changes went through: nothing to write, forgotten once confirmed and quiet
                    if (backlog.unconfirmedChanges.isEmpty() && now - backlog.lastActivity > QUIET_AFTER_MILLIS) {
                        rooms.remove(roomId, backlog);
                    }
                    return;
                }
                if (backlog.unconfirmed.isEmpty() && backlog.unconfirmedChanges.isEmpty()
                        && now - backlog.lastActivity > QUIET_AFTER_MILLIS) {
                    quiet.add(markerId(roomId));
                    backlog.marked = false;
                    rooms.remove(roomId, backlog);
                    return;
                }
                Map.Entry<Long, Long> first = backlog.unconfirmed.firstEntry();
                long from = first != null ? first.getKey() : nextSeq.applyAsLong(roomId);
                updates.add(new UpdateOneModel<>(eq("_id", markerId(roomId)),
                        Updates.combine(Updates.set("fromSeq", from), Updates.set("at", new Date(now)))));
            }
        });
        circuit.available(() -> {
            if (!updates.isEmpty()) {
                markers.bulkWrite(updates);
            }
            if (!quiet.isEmpty()) {
                markers.deleteMany(in("_id", quiet));
            }
            return null;
        });
    }

    /** Markers of other servers not refreshed for a minute (the collection holds only busy rooms' markers). */
    public List<Abandoned> abandoned() {
        Date before = new Date(System.currentTimeMillis() - ABANDONED_AFTER_MILLIS);
        List<Abandoned> found = new ArrayList<>();
        circuit.available(() -> {
            for (Document marker : markers.find()) {
                Date at = marker.getDate("at");
                if (!instance.equals(marker.getString("owner")) && at != null && at.before(before)) {
                    found.add(new Abandoned(marker.getString("_id"), marker.getString("roomId"),
                            marker.get("fromSeq", Number.class).longValue()));
                }
            }
            return null;
        });
        return found;
    }

    public void release(Abandoned marker) {
        circuit.available(() -> markers.deleteOne(eq("_id", marker.markerId())));
    }

    /** The room is gone: nothing of it waits any more. */
    public void forget(String roomId) {
        rooms.remove(roomId);
        circuit.available(() -> markers.deleteOne(eq("_id", markerId(roomId))));
    }

    private String markerId(String roomId) {
        return instance + "|" + roomId;
    }
}
