package dev.blau.testing.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.blau.testing.Api;
import dev.blau.testing.Health;

/**
 * What connected but idle users cost the server side: N sockets joined to their rooms and
 * pinging every 30 s (as the web client does), nothing else. Over a measured period: CPU of
 * every process of the stack (as % of one core), the HTTP requests Keycloak served, the
 * tokens the clients renewed meanwhile (they reach Keycloak too); and the Liberty server's
 * heap after a full GC with no sockets, with N, and after they closed (once the server counts
 * none open).
 */
final class IdleRun {

    record Settings(Duration settle, Duration period, String liberty, URI baseUrl) {
    }

    /** How long the server may take to let go of the closed sockets before the run gives up on it. */
    private static final Duration CLOSING = Duration.ofSeconds(60);

    private final Settings settings;
    private final ServerSide server;

    IdleRun(Settings settings, ServerSide server) {
        this.settings = settings;
        this.server = server;
    }

    void run(Crowd crowd, java.nio.file.Path out) {
        int n = crowd.clients().size();
        long jvm = server.libertyJvm(settings.liberty());
        Log.info("Liberty server '" + settings.liberty() + "' is pid " + jvm + "; heap after GC with no sockets …");
        long heap0 = server.heapUsedAfterGcKb(jvm);

        crowd.connectAll(32);
        Log.info("settling " + settings.settle().toSeconds() + " s, then measuring " + settings.period().toSeconds() + " s");
        sleep(settings.settle());

        Map<String, Long> ticks0 = server.cpuTicks();
        Map<String, Double> kc0 = server.keycloakRequests();
        long renewals0 = BenchClient.RENEWALS.sum();
        long self0 = ServerSide.ticks(ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        sleep(settings.period());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> ticks1 = server.cpuTicks();
        Map<String, Double> kc1 = server.keycloakRequests();
        long renewals = BenchClient.RENEWALS.sum() - renewals0;
        long self1 = ServerSide.ticks(ProcessHandle.current().pid());
        long live = crowd.live();

        Log.info("heap after GC with " + n + " sockets …");
        long heapN = server.heapUsedAfterGcKb(jvm);
        crowd.clients().forEach(BenchClient::close);
        awaitNoSocketOpen();
        long heapClosed = server.heapUsedAfterGcKb(jvm);

        Map<String, Double> kc = ServerSide.delta(kc0, kc1);
        double kcTotal = kc.values().stream().mapToDouble(Double::doubleValue).sum();
        List<String> columns = new ArrayList<>(List.of("sockets", "live_at_end", "period_s", "server_cpu_pct"));
        List<Object> values = new ArrayList<>(List.of(n, live, String.format(Locale.ROOT, "%.1f", seconds),
                Table.pct(server.percentOfCore(ticks1.get("total") - ticks0.get("total"), seconds))));
        for (String name : ticks1.keySet()) {
            if (!name.equals("total")) {
                columns.add("cpu_" + name + "_pct");
                values.add(Table.pct(server.percentOfCore(ticks1.get(name) - ticks0.getOrDefault(name, ticks1.get(name)),
                        seconds)));
            }
        }
        columns.addAll(List.of("keycloak_requests", "keycloak_req_per_s", "token_renewals", "heap_0_mb", "heap_n_mb",
                "heap_per_socket_kb", "heap_closed_mb", "generator_cpu_pct"));
        values.addAll(List.of(String.format(Locale.ROOT, "%.0f", kcTotal), String.format(Locale.ROOT, "%.2f", kcTotal / seconds),
                renewals, mb(heap0), mb(heapN), String.format(Locale.ROOT, "%.1f", (heapN - heap0) / (double) n),
                mb(heapClosed), Table.pct(server.percentOfCore(self1 - self0, seconds))));
        try (Table table = new Table(out, columns.toArray(String[]::new))) {
            table.row(values.toArray());
        }
        Log.info("Keycloak requests in the period by URI: " + kc);
        if (renewals > 0) {
            Log.info(renewals + " token renewals fell into the period (each is a Keycloak token request via auth-app)");
        }
    }

    private static String mb(long kb) {
        return String.format(Locale.ROOT, "%.1f", kb / 1024.0);
    }

    // the heap after closing is read once the server counts no open socket (its chat_sockets_open gauge)
    private void awaitNoSocketOpen() {
        Api chat = new Api(settings.baseUrl());
        long deadline = System.nanoTime() + CLOSING.toNanos();
        long open;
        while ((open = Health.gauge(chat, "chat_sockets_open")) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(open + " sockets still open " + CLOSING.toSeconds() + " s after closing");
            }
            sleep(Duration.ofMillis(200));
        }
    }

    static void sleep(Duration d) {
        OpenLoop.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(d.toMillis()));
    }
}
