package dev.blau.testing.bench;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * What renewing tokens costs: signed-in users renew through auth-app ({@code POST
 * /api/v1/auth/refresh}, one Keycloak refresh grant each) at a fixed rate, open loop, one step
 * per rate, each user in turn. Per step: latency from the due time, renewals answered, and the
 * CPU of every process of the stack, in all and per renewal. A user whose last renewal is still
 * unanswered when its turn comes again counts as a renewal missed (its refresh token is not
 * renewed twice at once, as no client would).
 */
final class RenewalRun {

    /** A renewal's slack is the rest of the token's life (a minute or more), not a chat message's 100 ms. */
    static final double SUSTAINED_P99_MS = 1_000;
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    record Settings(List<Double> rates, Duration firstWarmup, Duration warmup, Duration duration, Duration drain) {
    }

    private final Settings settings;
    private final BenchHttp http;
    private final ServerSide server;

    RenewalRun(Settings settings, BenchHttp http, ServerSide server) {
        this.settings = settings;
        this.http = http;
        this.server = server;
    }

    static String[] columns(List<String> processes) {
        List<String> columns = new ArrayList<>(List.of("rate_per_s", "renewals", "answered_pct", "missed", "p50_ms",
                "p99_ms", "max_ms", "server_cpu_pct"));
        processes.forEach(p -> columns.add("cpu_" + p + "_pct"));
        columns.addAll(List.of("server_cpu_ms_per_renewal", "keycloak_cpu_ms_per_renewal", "keycloak_token_requests",
                "keycloak_token_mean_ms"));
        return columns.toArray(String[]::new);
    }

    /**
     * Steps through the rates until one loses or misses renewals; returns the highest rate sustained
     * (every renewal answered, p99 within a second), or 0.
     */
    double run(List<Session> sessions, Table table, List<String> processes) {
        double sustained = 0;
        boolean first = true;
        // across steps: a renewal still unanswered when a step ends keeps its user out of the next one's turns
        Map<Session, AtomicBoolean> inFlight = new IdentityHashMap<>();
        sessions.forEach(s -> inFlight.put(s, new AtomicBoolean()));
        for (double rate : settings.rates()) {
            Step step = new Step(inFlight);
            Duration warmup = first ? settings.firstWarmup() : settings.warmup();
            first = false;
            Log.info(String.format(Locale.ROOT, "%.0f renewals/s: warming up %d s, measuring %d s", rate,
                    warmup.toSeconds(), settings.duration().toSeconds()));
            long start = System.nanoTime();
            long measureFrom = start + warmup.toNanos();
            long end = measureFrom + settings.duration().toNanos();
            OpenLoop loop = new OpenLoop(rate, start);
            Map<String, Long> ticks0 = null;
            Map<String, Double> kc0 = null;
            Map<String, Double> kcSeconds0 = null;
            long t0 = 0;
            for (long k = 0; loop.due(k) < end; k++) {
                long due = loop.awaitDue(k);
                if (ticks0 == null && due >= measureFrom) {
                    ticks0 = server.cpuTicks();
                    kc0 = server.keycloakRequests();
                    kcSeconds0 = server.keycloakRequestSeconds();
                    t0 = System.nanoTime();
                }
                step.renew(sessions.get((int) (k % sessions.size())), due, due >= measureFrom);
            }
            OpenLoop.sleepUntil(System.nanoTime() + settings.drain().toNanos());
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Long> ticks1 = server.cpuTicks();
            double kcTokens = tokenEndpoint(ServerSide.delta(kc0, server.keycloakRequests()));
            double kcTokenSeconds = tokenEndpoint(ServerSide.delta(kcSeconds0, server.keycloakRequestSeconds()));

            long asked = step.asked.sum();
            long answered = step.latency.getTotalCount();
            double answeredPct = asked == 0 ? 0 : 100.0 * answered / asked;
            List<Object> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%.0f", rate), asked,
                    Table.pct(answeredPct), step.missed.sum(), Table.ms(Latency.ms(step.latency, 50)),
                    Table.ms(Latency.ms(step.latency, 99)), Table.ms(Latency.maxMs(step.latency)),
                    Table.pct(server.percentOfCore(ticks1.get("total") - ticks0.get("total"), seconds))));
            for (String p : processes) {
                row.add(Table.pct(server.percentOfCore(ticks1.getOrDefault(p, 0L) - ticks0.getOrDefault(p, 0L), seconds)));
            }
            row.add(Table.ms(cpuMsPerRenewal(ticks1.get("total") - ticks0.get("total"), seconds, answered)));
            row.add(Table.ms(cpuMsPerRenewal(ticks1.getOrDefault("keycloak", 0L) - ticks0.getOrDefault("keycloak", 0L),
                    seconds, answered)));
            row.add(String.format(Locale.ROOT, "%.0f", kcTokens));
            row.add(Table.ms(kcTokens == 0 ? 0 : 1000 * kcTokenSeconds / kcTokens));
            table.row(row.toArray());
            if (answered == asked && Latency.ms(step.latency, 99) <= SUSTAINED_P99_MS) {
                sustained = rate;
            }
            // slow answers are figures; only renewals lost or missed end the stepping (past capacity a backlog only grows)
            if (answered < asked) {
                Log.info(step.failures.sum() + " renewals failed, " + step.missed.sum() + " missed; stopping here");
                break;
            }
        }
        return sustained;
    }

    private static double tokenEndpoint(Map<String, Double> byUri) {
        return byUri.entrySet().stream().filter(e -> e.getKey().endsWith("/token")).mapToDouble(Map.Entry::getValue).sum();
    }

    /** CPU milliseconds per answered renewal, from clock ticks over a period (percent of a core × period). */
    private double cpuMsPerRenewal(long ticks, double seconds, long answered) {
        return answered == 0 ? 0 : server.percentOfCore(ticks, seconds) * 10 * seconds / answered;
    }

    private final class Step {
        final ConcurrentHistogram latency = Latency.histogram();
        final LongAdder asked = new LongAdder();
        final LongAdder missed = new LongAdder();
        final LongAdder failures = new LongAdder();
        final Map<Session, AtomicBoolean> inFlight;

        Step(Map<Session, AtomicBoolean> inFlight) {
            this.inFlight = inFlight;
        }

        void renew(Session session, long due, boolean measured) {
            if (measured) {
                asked.increment();
            }
            AtomicBoolean busy = inFlight.get(session);
            if (!busy.compareAndSet(false, true)) {
                if (measured) {
                    missed.increment();
                }
                return;
            }
            session.renew(http).orTimeout(BenchHttp.TIMEOUT.toSeconds(), TimeUnit.SECONDS).whenComplete((ok, error) -> {
                busy.set(false);
                if (!measured) {
                    return;
                }
                if (error == null) {
                    long now = System.nanoTime();
                    Latency.record(latency, due, now);
                    if (now - due > SLOW_NANOS) {
                        // when, to set beside the servers' logs (GC, background work)
                        Log.info(String.format(Locale.ROOT, "slow renewal: %d ms, due at %s", (now - due) / 1_000_000,
                                LocalTime.now().minusNanos(now - due)));
                    }
                } else {
                    failures.increment();
                }
            });
        }
    }
}
