package dev.blau.testing.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The clients of a run and the one timer thread of all their pings, renewals and reconnects. */
final class Crowd implements AutoCloseable {

    private static final int ATTEMPTS = 5;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-timer");
        t.setDaemon(true);
        return t;
    });
    private final List<BenchClient> clients = new ArrayList<>();

    /** One client per user of the layout, following the user's room. */
    static Crowd of(Fixture.Layout layout, BenchHttp http) {
        Crowd crowd = new Crowd();
        List<Session> sessions = layout.sessions();
        for (int i = 0; i < layout.spec().rooms() * layout.spec().members(); i++) {
            crowd.clients.add(new BenchClient(sessions.get(i), List.of(layout.roomIds().get(layout.roomOf(i))), http,
                    crowd.timer));
        }
        return crowd;
    }

    Crowd add(BenchClient client) {
        clients.add(client);
        return this;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    List<BenchClient> clients() {
        return clients;
    }

    /** Connects every client ({@code inFlight} handshakes at a time), each joined to its rooms and kept alive from then on. */
    void connectAll(int inFlight) {
        long t0 = System.nanoTime();
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (BenchClient client : clients) {
            slots.acquireUninterruptibly();
            CompletableFuture<Void> done = new CompletableFuture<>();
            connect(client, 1, done);
            all.add(done.whenComplete((ok, error) -> {
                slots.release();
                if (error != null) {
                    failed.incrementAndGet();
                } else {
                    // renewals scheduled from its own connect, not the crowd's last: connecting
                    // 2,000 takes a minute or more, longer than some tokens have left
                    client.keepAlive();
                }
            }));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(failed.get() + " of " + clients.size() + " clients could not connect: "
                    + e.getMessage(), e);
        }
        Log.info(String.format(Locale.ROOT, "  connected %d sockets in %.1f s", clients.size(),
                (System.nanoTime() - t0) / 1e9));
    }

    private void connect(BenchClient client, int attempt, CompletableFuture<Void> done) {
        client.connect().orTimeout(60, TimeUnit.SECONDS).whenComplete((ok, error) -> {
            if (error == null) {
                done.complete(null);
            } else if (attempt >= ATTEMPTS) {
                done.completeExceptionally(error);
            } else {
                Log.info("  connecting " + client.session().user().username() + " again after: " + error.getMessage());
                client.abort();
                timer.schedule(() -> connect(client, attempt + 1, done), attempt, TimeUnit.SECONDS);
            }
        });
    }

    long live() {
        return clients.stream().filter(c -> c.state() == BenchClient.State.LIVE).count();
    }

    @Override
    public void close() {
        clients.forEach(BenchClient::close);
        timer.shutdownNow();
    }
}
