package dev.blau.testing.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * Steps of open-loop load over connected clients: each step sends {@code rate} messages a
 * second, spread round-robin over the senders (so every sender sends at rate / senders),
 * warms up, measures, then waits for the stragglers. A delivery is one
 * {@code message_received} at one member's socket, the sender's own included, timed from the
 * message's due time on the schedule. The {@code clientMsgId} ({@code <run>.<step>.<k>})
 * says which step and which event a delivery belongs to, and so when it was due.
 */
final class DeliveryRun implements BenchClient.Sink {

    /** The knee: the highest rate whose p99 is within this and which delivered at least this share. */
    static final double KNEE_P99_MS = 100;
    static final double KNEE_DELIVERED = 0.999;
    /** The server allows 30 messages per user per 10 s. */
    static final double MAX_RATE_PER_SENDER = 3.0;

    record Settings(String scenario, List<Double> rates, Duration firstWarmup, Duration warmup, Duration duration,
                    Duration drain, int textSize, int maxFailures) {
    }

    /** One step's bookkeeping; written by the I/O threads, read when the step is closed. */
    static final class Step {
        final int index;
        final double rate;
        final OpenLoop schedule;
        final long firstMeasured;
        final long end;
        final ConcurrentHistogram latency = Latency.histogram();
        final ConcurrentHistogram late = Latency.histogram();
        final LongAdder sent = new LongAdder();
        final LongAdder notSent = new LongAdder();
        final LongAdder expected = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder closed = new LongAdder();
        final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
        volatile boolean open = true;

        Step(int index, double rate, long start, Duration warmup, Duration duration) {
            this.index = index;
            this.rate = rate;
            this.schedule = new OpenLoop(rate, start);
            this.firstMeasured = (long) Math.ceil(warmup.toNanos() / 1e9 * rate);
            this.end = firstMeasured + (long) Math.ceil(duration.toNanos() / 1e9 * rate);
        }

        boolean measured(long k) {
            return k >= firstMeasured && k < end;
        }
    }

    private final Settings settings;
    private final List<BenchClient> senders;
    private final Map<String, Integer> roomSizes;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private volatile Step current;
    private final String padding;

    /**
     * @param senders  the clients that send, in the order they take turns (neighbours in
     *                 different rooms, so a burst spreads over rooms)
     * @param roomSizes members per room: the deliveries a message owes
     */
    DeliveryRun(Settings settings, List<BenchClient> senders, Map<String, Integer> roomSizes) {
        this.settings = settings;
        this.senders = senders;
        this.roomSizes = roomSizes;
        this.padding = "x".repeat(Math.max(0, settings.textSize() - 24));
    }

    /** Refuses rates the server's rate limit would turn into error frames. */
    void check() {
        for (double rate : settings.rates()) {
            double perSender = rate / senders.size();
            if (perSender >= MAX_RATE_PER_SENDER) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%.0f msg/s over %d senders is %.2f msg/s per user: the server allows 30 per 10 s; "
                                + "use more users or a lower rate", rate, senders.size(), perSender));
            }
        }
    }

    /** Runs the steps; returns the knee (0 when no step passed). */
    double run(Table table) {
        double knee = 0;
        int failuresInARow = 0;
        for (int s = 0; s < settings.rates().size(); s++) {
            double rate = settings.rates().get(s);
            // the first step also warms up a server that may have just started (JIT, pools, caches)
            Duration warmup = s == 0 && settings.firstWarmup().compareTo(settings.warmup()) > 0
                    ? settings.firstWarmup() : settings.warmup();
            Step step = new Step(s, rate, System.nanoTime() + 100_000_000L, warmup, settings.duration());
            steps.add(step);
            current = step;
            Log.info(String.format(Locale.ROOT, "step %d: %.0f msg/s (%.3f per sender), %d s warm-up + %d s measured",
                    s + 1, rate, rate / senders.size(), warmup.toSeconds(), settings.duration().toSeconds()));
            send(step);
            drain(step);
            boolean passed = report(table, step);
            if (passed) {
                knee = Math.max(knee, rate);
                failuresInARow = 0;
            } else if (++failuresInARow >= settings.maxFailures()) {
                Log.info(failuresInARow + " failing steps in a row: stopping");
                break;
            }
        }
        return knee;
    }

    private void send(Step step) {
        int n = senders.size();
        for (long k = 0; k < step.end; k++) {
            long due = step.schedule.awaitDue(k);
            BenchClient sender = senders.get((int) (k % n));
            String roomId = sender.rooms().get(0);
            String clientMsgId = run + "." + step.index + "." + k;
            boolean handed = sender.send(Frame.sendMessage(roomId, clientMsgId, "bench " + clientMsgId + " " + padding));
            if (step.measured(k)) {
                Latency.record(step.late, due, System.nanoTime());
                if (handed) {
                    step.sent.increment();
                } else {
                    step.notSent.increment();
                }
                step.expected.add(roomSizes.get(roomId));
            }
        }
    }

    private void drain(Step step) {
        long deadline = System.nanoTime() + settings.drain().toNanos();
        while (step.delivered.sum() < step.expected.sum() && System.nanoTime() < deadline) {
            OpenLoop.sleepUntil(System.nanoTime() + 20_000_000L); // the benchmark's own clock
        }
        step.open = false;
    }

    private boolean report(Table table, Step step) {
        long expected = step.expected.sum();
        long delivered = step.delivered.sum();
        double share = expected == 0 ? 0 : (double) delivered / expected;
        double p99 = Latency.ms(step.latency, 99);
        boolean passed = delivered > 0 && p99 <= KNEE_P99_MS && share >= KNEE_DELIVERED;
        table.row(settings.scenario(), String.format(Locale.ROOT, "%.0f", step.rate), step.sent.sum(), expected, delivered,
                Table.pct(100 * share), Table.ms(Latency.ms(step.latency, 50)), Table.ms(Latency.ms(step.latency, 90)),
                Table.ms(p99), Table.ms(Latency.ms(step.latency, 99.9)), Table.ms(Latency.maxMs(step.latency)),
                step.errors.sum(), step.notSent.sum(), step.duplicates.sum(), step.closed.sum(),
                Table.ms(Latency.ms(step.late, 99)), passed ? "pass" : "FAIL");
        if (!step.errorCodes.isEmpty()) {
            Log.info("  error frames by code: " + step.errorCodes);
        }
        if (Latency.ms(step.late, 99) > 10) {
            Log.info("  the generator itself ran late (p99 " + Table.ms(Latency.ms(step.late, 99))
                    + " ms behind schedule): its core may be the limit, not the server");
        }
        return passed;
    }

    static String[] columns() {
        return new String[] {"scenario", "rate", "sent", "expected", "delivered", "delivered_pct", "p50_ms", "p90_ms",
            "p99_ms", "p999_ms", "max_ms", "error_frames", "not_sent", "duplicates", "closed", "gen_late_p99_ms", "knee"};
    }

    // ---- the clients' news ------------------------------------------------------------------------------------

    @Override
    public void message(BenchClient client, String roomId, long seq, String clientMsgId, boolean fresh, long nanos) {
        if (clientMsgId == null || !clientMsgId.startsWith(run) || clientMsgId.length() <= run.length() + 1) {
            return;
        }
        int dot = clientMsgId.indexOf('.', run.length() + 1);
        int stepIndex = Integer.parseInt(clientMsgId, run.length() + 1, dot, 10);
        long k = Long.parseLong(clientMsgId, dot + 1, clientMsgId.length(), 10);
        Step step = steps.get(stepIndex);
        if (!step.open || !step.measured(k)) {
            return;
        }
        if (!fresh) {
            step.duplicates.increment();
            return;
        }
        Latency.record(step.latency, step.schedule.due(k), nanos);
        step.delivered.increment();
    }

    @Override
    public void error(BenchClient client, String code, String ref) {
        Step step = current;
        if (step != null && step.open) {
            step.errors.increment();
            step.errorCodes.computeIfAbsent(String.valueOf(code), c -> new LongAdder()).increment();
        }
    }

    @Override
    public void closed(BenchClient client, int code, String reason) {
        Step step = current;
        if (step != null && step.open) {
            step.closed.increment();
        }
        Log.info("  socket of " + client.session().user().username() + " closed: " + code + " " + reason);
    }
}
