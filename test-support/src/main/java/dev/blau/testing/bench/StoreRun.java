package dev.blau.testing.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.awaitility.Awaitility;
import org.bson.Document;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;

/**
 * Does a full message store slow BLAU down? Per variant (the seeded messages in one room, or
 * spread over many): first, on fresh empty rooms, send latency (ack over a WebSocket, and
 * {@code POST …/messages}) and 50-message history pages (the newest, and {@code before=<seq>}
 * somewhere inside the room); then {@code messages} documents in the server's own format
 * written straight into the store for other fresh rooms (seqs 1, 2, 3 … per room, before any
 * client touched those rooms, as if the server had stored them itself before a restart); then
 * the same measurements on those rooms, and the ratios seeded / empty. Calls are open loop at a
 * modest rate, timed from when they were due; the very first call of each (a room the server
 * has not seen yet) is reported on its own.
 */
final class StoreRun implements BenchClient.Sink {

    record Settings(long messages, List<Integer> variants, int sampleRooms, int calls, int warmupCalls, double callRate,
                    Duration prime, int batch, String mongoUri, String database, boolean keep, int textSize,
                    int concurrency) {
    }

    /** REST_REACT: a change (a reaction on a message inside the room), to compare with a send. */
    enum Op { WS_ACK, REST_POST, REST_REACT, PAGE_LATEST, PAGE_BEFORE }

    /** Reactions cycle through these, so a user rarely repeats one (a repeat changes nothing and costs less). */
    private static final List<String> EMOJI = List.of("%F0%9F%91%8D", "%F0%9F%8E%89", "%F0%9F%9A%80", "%F0%9F%91%80",
            "%E2%9C%85", "%F0%9F%94%A5", "%F0%9F%99%8F", "%F0%9F%92%AF");

    /** One operation's figures in one phase. */
    private static final class Figures {
        final ConcurrentHistogram latency = Latency.histogram();
        final LongAdder ok = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        volatile double firstMs = -1;

        void answered(boolean measured, boolean first, long due, long now) {
            if (first) {
                firstMs = (now - due) / 1e6;
            }
            if (measured) {
                Latency.record(latency, due, now);
                ok.increment();
            }
        }

        double[] percentiles() {
            return new double[] {Latency.ms(latency, 50), Latency.ms(latency, 90), Latency.ms(latency, 99),
                Latency.maxMs(latency)};
        }
    }

    /** A send over the socket waiting for its ack. */
    private record Pending(long due, String room, boolean measured, boolean first) {
    }

    private final Settings settings;
    private final BenchHttp http;
    private final Fixture fixture;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Pending> pendingAcks = new ConcurrentHashMap<>();
    /** A million messages go in well under a minute; far longer means the server is not deleting them. */
    private static final Duration CLEAN_UP_LIMIT = Duration.ofMinutes(10);

    private final Map<String, AtomicLong> lastSeq = new ConcurrentHashMap<>();
    private volatile Figures acks;

    StoreRun(Settings settings, BenchHttp http, Fixture fixture) {
        this.settings = settings;
        this.http = http;
        this.fixture = fixture;
    }

    void run(Fixture.Layout users, java.nio.file.Path out) {
        try (MongoClient mongo = MongoClients.create(settings.mongoUri());
             Table table = new Table(out, "rooms", "seeded", "phase", "op", "calls", "ok", "errors", "timeouts",
                     "first_ms", "p50_ms", "p90_ms", "p99_ms", "max_ms")) {
            MongoCollection<Document> messages = mongo.getDatabase(settings.database()).getCollection("messages");
            prime(users.sessions(), messages);
            for (int variant : settings.variants()) {
                variant(variant, users.sessions(), messages, table);
            }
        }
    }

    private void variant(int roomCount, List<Session> sessions, MongoCollection<Document> store, Table table) {
        Session owner = sessions.get(0);
        int sampled = Math.min(roomCount, settings.sampleRooms());
        Log.info("variant: " + settings.messages() + " messages over " + roomCount + " room(s)");
        List<String> emptyRooms = createRooms(sampled, owner);
        List<String> seededRooms = new ArrayList<>();
        try {
            Log.info("empty rooms; the store holds " + store.estimatedDocumentCount() + " messages");
            Map<Op, double[]> empty = measure("empty", roomCount, 0, sessions, emptyRooms, table);
            seededRooms.addAll(createRooms(roomCount, owner));
            seed(seededRooms, sessions, store);
            Map<Op, double[]> seeded = measure("seeded", roomCount, settings.messages(), sessions,
                    seededRooms.subList(0, sampled), table);
            for (Op op : Op.values()) {
                double[] e = empty.get(op);
                double[] s = seeded.get(op);
                table.row(roomCount, settings.messages(), "ratio", name(op), "", "", "", "", "",
                        ratio(s[0], e[0]), ratio(s[1], e[1]), ratio(s[2], e[2]), ratio(s[3], e[3]));
            }
        } finally {
            if (!settings.keep()) {
                List<String> all = new ArrayList<>(emptyRooms);
                all.addAll(seededRooms);
                cleanUp(all, owner, store);
            }
        }
    }

    /** Every operation for a while on a scratch room, unmeasured: a server that just started is cold (JIT, pools). */
    private void prime(List<Session> sessions, MongoCollection<Document> store) {
        int calls = (int) (settings.prime().toMillis() / 1000.0 * settings.callRate() / Op.values().length);
        if (calls == 0) {
            return;
        }
        List<String> scratch = createRooms(1, sessions.get(0));
        try {
            Log.info("priming the server: " + calls + " calls of each operation on a scratch room, not measured");
            join(sessions, scratch);
            try (Crowd crowd = connect(sessions, scratch)) {
                for (Op op : Op.values()) {
                    calls(op, "prime", sessions, crowd, scratch, 0, calls);
                }
            }
        } finally {
            if (!settings.keep()) {
                cleanUp(scratch, sessions.get(0), store);
            }
        }
    }

    private List<String> createRooms(int count, Session owner) {
        List<String> rooms = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, (String) null)));
        Parallel.run("creating rooms", count, settings.concurrency(), i -> rooms.set(i, fixture.createRoom(owner)));
        return List.copyOf(rooms);
    }

    private static String name(Op op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    private static String ratio(double seeded, double empty) {
        return empty <= 0 ? "" : String.format(Locale.ROOT, "%.2f", seeded / empty);
    }

    /** Every user joins the rooms and follows them on a socket; then each measurement. Returns p50, p90, p99, max per op. */
    private Map<Op, double[]> measure(String phase, int roomCount, long seeded, List<Session> sessions, List<String> rooms,
                                      Table table) {
        join(sessions, rooms);
        Map<Op, double[]> result = new LinkedHashMap<>();
        try (Crowd crowd = connect(sessions, rooms)) {
            for (Op op : Op.values()) {
                Log.info(String.format(Locale.ROOT, "%s rooms, %s: %d + %d calls at %.0f/s", phase, name(op),
                        settings.warmupCalls(), settings.calls(), settings.callRate()));
                Figures figures = calls(op, phase, sessions, crowd, rooms, settings.warmupCalls(), settings.calls());
                double[] p = figures.percentiles();
                result.put(op, p);
                table.row(roomCount, seeded, phase, name(op), settings.calls(), figures.ok.sum(), figures.errors.sum(),
                        figures.timeouts.sum(), figures.firstMs < 0 ? "" : Table.ms(figures.firstMs), Table.ms(p[0]),
                        Table.ms(p[1]), Table.ms(p[2]), Table.ms(p[3]));
            }
        }
        return result;
    }

    private void join(List<Session> sessions, List<String> rooms) {
        List<int[]> joins = new ArrayList<>();
        for (int r = 0; r < rooms.size(); r++) {
            for (int u = 1; u < sessions.size(); u++) {
                joins.add(new int[] {r, u});
            }
        }
        Parallel.run("joining", joins.size(), settings.concurrency(),
                i -> fixture.join(sessions.get(joins.get(i)[1]), rooms.get(joins.get(i)[0])));
    }

    /** Every user on a socket, following the rooms. */
    private Crowd connect(List<Session> sessions, List<String> rooms) {
        Crowd crowd = new Crowd();
        for (int u = 0; u < sessions.size(); u++) {
            BenchClient client = new BenchClient(sessions.get(u), rooms, http, crowd.timer());
            client.sink(this);
            client.reconnects(false);
            crowd.add(client);
        }
        crowd.connectAll(16);
        return crowd;
    }

    private Figures calls(Op op, String phase, List<Session> sessions, Crowd crowd, List<String> rooms, int warmupCalls,
                          int measuredCalls) {
        Figures figures = new Figures();
        acks = figures;
        int total = warmupCalls + measuredCalls;
        OpenLoop schedule = new OpenLoop(settings.callRate(), System.nanoTime() + 50_000_000L);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int k = 0; k < total; k++) {
            long due = schedule.awaitDue(k);
            boolean measured = k >= warmupCalls;
            boolean first = k == 0;
            Session user = sessions.get(k % sessions.size());
            String room = rooms.get((k / sessions.size()) % rooms.size());
            String clientMsgId = run + "." + phase + "." + op.ordinal() + "." + k;
            String path = Chat.BASE + "/rooms/" + room + "/messages";
            CompletableFuture<Api.Answer> call;
            switch (op) {
                case WS_ACK -> {
                    pendingAcks.put(clientMsgId, new Pending(due, room, measured, first));
                    if (!crowd.clients().get(k % sessions.size()).send(Frame.sendMessage(room, clientMsgId, text(clientMsgId)))) {
                        pendingAcks.remove(clientMsgId);
                        if (measured) {
                            figures.errors.increment();
                        }
                    }
                    continue;
                }
                case REST_POST -> call = http.sendAsync("POST", path, user.accessToken(), Chat.message(clientMsgId, text(clientMsgId)));
                case REST_REACT -> call = http.sendAsync("PUT", path + "/" + Math.max(1, inside(lastSeq(room)) - 1)
                        + "/reactions/" + EMOJI.get((k / sessions.size()) % EMOJI.size()), user.accessToken(), null);
                case PAGE_LATEST -> call = http.sendAsync("GET", path + "?limit=50", user.accessToken(), null);
                default -> call = http.sendAsync("GET", path + "?before=" + inside(lastSeq(room)) + "&limit=50",
                        user.accessToken(), null);
            }
            int expected = op == Op.REST_POST ? 201 : 200;
            calls.add(call.whenComplete((answer, error) -> {
                long now = System.nanoTime();
                if (error != null || answer.status() != expected) {
                    if (measured) {
                        figures.errors.increment();
                        if (figures.errors.sum() <= 3) {
                            Log.info("  failed call: " + (error != null ? error : answer));
                        }
                    }
                    return;
                }
                if (op == Op.REST_POST) {
                    lastSeq(room).accumulateAndGet(answer.json().getJsonNumber("seq").longValue(), Math::max);
                }
                figures.answered(measured, first, due, now);
            }));
        }
        // what has not answered 30 s after the last call has timed out
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (CompletableFuture<?> call : calls) {
            try {
                call.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                figures.timeouts.increment();
            } catch (Exception e) {
                // counted as an error when it completed
            }
        }
        if (op == Op.WS_ACK) {
            while (!pendingAcks.isEmpty() && System.nanoTime() < deadline) {
                IdleRun.sleep(Duration.ofMillis(50));
            }
            figures.timeouts.add(pendingAcks.values().stream().filter(Pending::measured).count());
            pendingAcks.clear();
        }
        return figures;
    }

    private AtomicLong lastSeq(String room) {
        return lastSeq.computeIfAbsent(room, r -> new AtomicLong());
    }

    /** A {@code before} cursor somewhere inside the room, never the newest page. */
    private static long inside(AtomicLong last) {
        long l = last.get();
        return l <= 51 ? l + 1 : 51 + ThreadLocalRandom.current().nextLong(l - 50);
    }

    private String text(String id) {
        return "bench " + id + " " + "x".repeat(Math.max(0, settings.textSize() - 40));
    }

    /** {@code messages} documents over the rooms (seq 1, 2, 3 … in each), in large unordered batches. */
    private void seed(List<String> rooms, List<Session> sessions, MongoCollection<Document> store) {
        long t0 = System.nanoTime();
        long createdFrom = System.currentTimeMillis() - settings.messages() / 1000 - 1;
        int roomCount = rooms.size();
        List<Document> batch = new ArrayList<>(settings.batch());
        String padding = "x".repeat(Math.max(0, settings.textSize() - 24));
        long inserted = 0;
        long lastReport = t0;
        for (long i = 0; i < settings.messages(); i++) {
            String room = rooms.get((int) (i % roomCount));
            long seq = i / roomCount + 1;
            Session sender = sessions.get((int) (i % sessions.size()));
            String clientMsgId = "seed-" + run + "-" + i;
            batch.add(new Document("_id", room + ":" + seq)
                    .append("roomId", room)
                    .append("seq", seq)
                    .append("senderId", sender.user().id())
                    .append("senderName", sender.user().username())
                    .append("text", "seeded message " + i + " " + padding)
                    .append("clientMsgId", clientMsgId)
                    .append("idempotencyKey", room + "|" + sender.user().id() + "|" + clientMsgId)
                    // a thousand a millisecond, ending just before now: in seq order, all in the past
                    .append("createdAt", new Date(createdFrom + i / 1000)));
            if (batch.size() == settings.batch() || i == settings.messages() - 1) {
                try {
                    store.insertMany(batch, new InsertManyOptions().ordered(false));
                } catch (MongoBulkWriteException e) {
                    throw new IllegalStateException("seeding failed after " + inserted + " messages: "
                            + e.getWriteErrors().size() + " refused, the first: " + e.getWriteErrors().get(0), e);
                }
                inserted += batch.size();
                batch.clear();
                long now = System.nanoTime();
                if (now - lastReport > 10_000_000_000L) {
                    lastReport = now;
                    Log.info(String.format(Locale.ROOT, "  seeded %d of %d (%.0f/s)", inserted, settings.messages(),
                            inserted / ((now - t0) / 1e9)));
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Log.info(String.format(Locale.ROOT, "seeded %d messages into %d room(s) in %.1f s (%.0f/s); the store holds %d",
                inserted, roomCount, seconds, inserted / seconds, store.estimatedDocumentCount()));
        for (int r = 0; r < roomCount; r++) {
            lastSeq(rooms.get(r)).set(settings.messages() / roomCount + (r < settings.messages() % roomCount ? 1 : 0));
        }
    }

    /**
     * Deletes the rooms through the API: the chat server then deletes their messages itself (by
     * {@code _id}, in the background), and the next measurement waits until the store holds no
     * more of them.
     */
    private void cleanUp(List<String> rooms, Session owner, MongoCollection<Document> store) {
        long t0 = System.nanoTime();
        List<String> ids = rooms.stream().filter(Objects::nonNull).toList();
        long held = ids.stream().mapToLong(room -> lastSeq(room).get()).sum();
        long remaining = store.estimatedDocumentCount() - held;
        Parallel.run("deleting rooms", ids.size(), settings.concurrency(), i -> {
            Api.Answer answer = http.send("DELETE", Chat.BASE + "/rooms/" + ids.get(i), owner.accessToken(), null);
            if (answer.status() != 204 && answer.status() != 404) {
                throw new IllegalStateException("room " + ids.get(i) + " not deleted: " + answer);
            }
        });
        Awaitility.await("the server deleting the rooms' " + held + " messages").atMost(CLEAN_UP_LIMIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> store.estimatedDocumentCount() <= remaining);
        Log.info(String.format(Locale.ROOT, "cleaned up %d rooms and their %d messages in %.1f s (--keep keeps them)",
                ids.size(), held, (System.nanoTime() - t0) / 1e9));
    }

    @Override
    public void ack(BenchClient client, String clientMsgId, long seq, long nanos) {
        Pending pending = clientMsgId == null ? null : pendingAcks.remove(clientMsgId);
        if (pending != null) {
            lastSeq(pending.room()).accumulateAndGet(seq, Math::max);
            acks.answered(pending.measured(), pending.first(), pending.due(), nanos);
        }
    }

    @Override
    public void error(BenchClient client, String code, String ref) {
        Pending pending = ref == null ? null : pendingAcks.remove(ref);
        if (pending != null && pending.measured()) {
            acks.errors.increment();
            Log.info("  send refused: " + code + " (" + ref + ")");
        }
    }
}
