package dev.blau.testing.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;

/**
 * Every client drops its socket without a close (within {@code window}), comes back with a
 * new ticket (within the next {@code window}) and rejoins its rooms with the last seq it saw,
 * while a low steady rate of messages goes on. Reports how long until everyone was resumed,
 * and whether every client got every message of its rooms exactly once, in seq order, from
 * its first join to the end (the rooms' last seqs are asked of the server at the end).
 */
final class ReconnectRun implements BenchClient.Sink {

    record Settings(double rate, Duration before, Duration window, Duration after, Duration resumeTimeout, int textSize) {
    }

    private final Settings settings;
    private final BenchHttp http;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final LongAdder handed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
    private final LongAdder serverCloses = new LongAdder();

    ReconnectRun(Settings settings, BenchHttp http) {
        this.settings = settings;
        this.http = http;
    }

    void run(Fixture.Layout layout, Crowd crowd, List<BenchClient> senders, java.nio.file.Path out) {
        crowd.clients().forEach(c -> c.sink(this));
        crowd.connectAll(32);
        int n = crowd.clients().size();
        long start = System.nanoTime() + 100_000_000L;
        Duration total = settings.before().plus(settings.window()).plus(settings.window()).plus(settings.after());
        Thread sender = new Thread(() -> send(senders, start, start + total.toNanos()), "bench-sender");
        sender.start();

        long dropAt = start + settings.before().toNanos();
        long reconnectFrom = dropAt + settings.window().toNanos();
        long[] reconnectStarted = new long[n];
        long[] resumedAt = new long[n];
        AtomicLong retries = new AtomicLong();
        CompletableFuture<?>[] resumed = new CompletableFuture<?>[n];
        Log.info(String.format(Locale.ROOT, "%d clients, %.1f msg/s; dropping all within %d s after %d s, back within %d s",
                n, settings.rate(), settings.window().toSeconds(), settings.before().toSeconds(), settings.window().toSeconds()));
        long window = settings.window().toNanos();
        for (int i = 0; i < n; i++) {
            BenchClient client = crowd.clients().get(i);
            int index = i;
            long drop = dropAt + ThreadLocalRandom.current().nextLong(window);
            long back = reconnectFrom + ThreadLocalRandom.current().nextLong(window);
            CompletableFuture<Void> done = new CompletableFuture<>();
            resumed[i] = done;
            crowd.timer().schedule(client::abort, drop - System.nanoTime(), TimeUnit.NANOSECONDS);
            crowd.timer().schedule(() -> {
                reconnectStarted[index] = System.nanoTime();
                resume(crowd, client, done, retries, reconnectFrom + settings.resumeTimeout().toNanos());
            }, back - System.nanoTime(), TimeUnit.NANOSECONDS);
            done.thenRun(() -> resumedAt[index] = System.nanoTime());
        }
        try {
            CompletableFuture.allOf(resumed).get(settings.before().plus(settings.window().multipliedBy(2))
                    .plus(settings.resumeTimeout()).toSeconds() + 10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.info("not every client resumed: " + e.getMessage());
        }
        long lastResumed = 0;
        ConcurrentHistogram resumeTime = Latency.histogram();
        int resumedCount = 0;
        for (int i = 0; i < n; i++) {
            if (resumed[i].isDone() && !resumed[i].isCompletedExceptionally()) {
                resumedCount++;
                lastResumed = Math.max(lastResumed, resumedAt[i]);
                Latency.record(resumeTime, reconnectStarted[i], resumedAt[i]);
            }
        }
        Log.info(String.format(Locale.ROOT, "%d of %d resumed; the last %.1f s after the reconnect window opened",
                resumedCount, n, (lastResumed - reconnectFrom) / 1e9));
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        // the truth: each room's last seq, as the server has it once the last sends are stored
        IdleRun.sleep(Duration.ofSeconds(3));
        Map<String, Long> finalSeq = new ConcurrentHashMap<>();
        for (int r = 0; r < layout.roomIds().size(); r++) {
            String roomId = layout.roomIds().get(r);
            finalSeq.put(roomId, lastSeq(layout.membersOf(r).get(0), roomId));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!caughtUp(crowd, finalSeq) && System.nanoTime() < deadline) {
            IdleRun.sleep(Duration.ofMillis(200));
        }

        long expected = 0;
        long fresh = 0;
        long missing = 0;
        long duplicates = 0;
        int complete = 0;
        for (BenchClient client : crowd.clients()) {
            boolean ok = true;
            for (String roomId : client.rooms()) {
                BenchClient.Cursor c = client.cursor(roomId);
                long last = finalSeq.get(roomId);
                synchronized (c) {
                    long owed = last - c.first;
                    long got = c.received - c.duplicates;
                    expected += owed;
                    fresh += got;
                    long lost = Math.max(c.missing, 0) + Math.max(0, last - c.last);
                    missing += lost;
                    duplicates += c.duplicates;
                    ok &= lost == 0 && c.duplicates == 0 && got == owed;
                }
            }
            if (ok) {
                complete++;
            }
        }
        long stored = 0;
        for (int r = 0; r < layout.roomIds().size(); r++) {
            String roomId = layout.roomIds().get(r);
            BenchClient.Cursor c = crowd.clients().get(r * layout.spec().members()).cursor(roomId);
            synchronized (c) {
                stored += finalSeq.get(roomId) - c.first;
            }
        }
        boolean passed = resumedCount == n && complete == n;
        try (Table table = new Table(out, "clients", "rate", "resumed", "all_resumed_s", "since_drops_began_s",
                "resume_p50_ms", "resume_p99_ms", "resume_max_ms", "reconnect_retries", "messages_stored", "sent_skipped",
                "expected_deliveries", "delivered", "missing", "duplicates", "clients_complete", "error_frames",
                "server_closes", "verdict")) {
            table.row(n, String.format(Locale.ROOT, "%.1f", settings.rate()), resumedCount,
                    String.format(Locale.ROOT, "%.2f", (lastResumed - reconnectFrom) / 1e9),
                    String.format(Locale.ROOT, "%.2f", (lastResumed - dropAt) / 1e9),
                    Table.ms(Latency.ms(resumeTime, 50)), Table.ms(Latency.ms(resumeTime, 99)), Table.ms(Latency.maxMs(resumeTime)),
                    retries.get(), stored, skipped.sum(), expected, fresh, missing, duplicates, complete, errors.sum(),
                    serverCloses.sum(), passed ? "pass" : "FAIL");
        }
        if (!errorCodes.isEmpty()) {
            Log.info("error frames by code: " + errorCodes);
        }
        Log.info(String.format("sent %d messages (%d acked, %d skipped while the sender was away)", handed.sum(),
                acked.sum(), skipped.sum()));
    }

    private void resume(Crowd crowd, BenchClient client, CompletableFuture<Void> done, AtomicLong retries, long giveUpAt) {
        client.connect().orTimeout(30, TimeUnit.SECONDS).whenComplete((ok, error) -> {
            if (error == null) {
                done.complete(null);
            } else if (System.nanoTime() > giveUpAt) {
                done.completeExceptionally(error);
            } else {
                retries.incrementAndGet();
                client.abort();
                crowd.timer().schedule(() -> resume(crowd, client, done, retries, giveUpAt), 1, TimeUnit.SECONDS);
            }
        });
    }

    private void send(List<BenchClient> senders, long start, long end) {
        OpenLoop schedule = new OpenLoop(settings.rate(), start);
        String padding = "x".repeat(Math.max(0, settings.textSize() - 24));
        for (long k = 0; schedule.due(k) < end; k++) {
            schedule.awaitDue(k);
            BenchClient client = senders.get((int) (k % senders.size()));
            if (client.state() != BenchClient.State.LIVE) {
                skipped.increment();
                continue;
            }
            String id = run + "." + k;
            client.send(Frame.sendMessage(client.rooms().get(0), id, "bench " + id + " " + padding));
            handed.increment();
        }
    }

    private long lastSeq(Session member, String roomId) {
        Api.Answer page = http.send("GET", Chat.BASE + "/rooms/" + roomId + "/messages?limit=1", member.accessToken(), null);
        if (page.status() != 200) {
            throw new IllegalStateException("history of " + roomId + ": " + page);
        }
        var messages = page.json().getJsonArray("messages");
        return messages.isEmpty() ? 0 : messages.getJsonObject(0).getJsonNumber("seq").longValue();
    }

    private static boolean caughtUp(Crowd crowd, Map<String, Long> finalSeq) {
        for (BenchClient client : crowd.clients()) {
            for (String roomId : client.rooms()) {
                BenchClient.Cursor c = client.cursor(roomId);
                synchronized (c) {
                    if (c.last < finalSeq.get(roomId)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public void ack(BenchClient client, String clientMsgId, long seq, long nanos) {
        if (clientMsgId != null && clientMsgId.startsWith(run)) {
            acked.increment();
        }
    }

    @Override
    public void error(BenchClient client, String code, String ref) {
        errors.increment();
        errorCodes.computeIfAbsent(String.valueOf(code), c -> new LongAdder()).increment();
    }

    @Override
    public void closed(BenchClient client, int code, String reason) {
        serverCloses.increment();
        Log.info("  socket of " + client.session().user().username() + " closed by the server: " + code + " " + reason);
    }
}
