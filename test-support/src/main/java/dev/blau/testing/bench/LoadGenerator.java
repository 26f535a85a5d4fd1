package dev.blau.testing.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * BLAU's load generator: measures the chat server as its users see it, over real sockets,
 * open loop (docs/benchmarks.md). Run it on its own core, the stack on the other:
 * <pre>taskset -c 0 java -cp ... dev.blau.testing.bench.LoadGenerator spread --rates 100,200,500</pre>
 */
@Command(name = "load-generator", mixinStandardHelpOptions = true,
        description = "BLAU's delivery benchmarks against a running stack (./blau).",
        subcommands = {LoadGenerator.Spread.class, LoadGenerator.Hot.class, LoadGenerator.Idle.class,
            LoadGenerator.Reconnect.class, LoadGenerator.Store.class, LoadGenerator.Search.class,
            LoadGenerator.Files.class, LoadGenerator.Renewals.class, CommandLine.HelpCommand.class})
public final class LoadGenerator {

    public static void main(String[] args) {
        int rc = new CommandLine(new LoadGenerator()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(rc);
    }

    /** What every scenario takes. */
    static final class Common {
        @Option(names = "--base-url", defaultValue = "http://localhost:9080", description = "BLAU (default ${DEFAULT-VALUE})")
        URI baseUrl;

        @Option(names = "--out", description = "CSV file for the results (default bench/results/<scenario>.csv)")
        Path out;

        @Option(names = "--cache-dir", defaultValue = ".blau/bench",
                description = "where the registered users and rooms are kept between runs (default ${DEFAULT-VALUE})")
        Path cacheDir;

        @Option(names = "--setup-concurrency", defaultValue = "8",
                description = "registrations, sign-ins and joins in parallel (default ${DEFAULT-VALUE})")
        int setupConcurrency;

        @Option(names = "--io-threads", defaultValue = "2",
                description = "threads for every socket's and request's callbacks (default ${DEFAULT-VALUE})")
        int ioThreads;

        @Option(names = "--batch-frames", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "sockets ask for batch frames, as the web client does (default ${DEFAULT-VALUE})")
        boolean batchFrames;

        Path out(String scenario) {
            return out != null ? out : Path.of("bench", "results", scenario + ".csv");
        }
    }

    /** Where the scenarios that measure the server side read it: the stack's processes, Keycloak's requests. */
    static final class ServerProbes {
        @Option(names = "--stack-status", defaultValue = "http://127.0.0.1:19990/services",
                description = "the local stack's control endpoint, for each service's CPU (default ${DEFAULT-VALUE})")
        URI stackStatus;

        @Option(names = "--keycloak-metrics", defaultValue = "http://127.0.0.1:19000/metrics",
                description = "Keycloak's management endpoint (default ${DEFAULT-VALUE})")
        URI keycloakMetrics;

        ServerSide serverSide() {
            return new ServerSide(stackStatus, keycloakMetrics);
        }
    }

    /** The stepping of the delivery scenarios. */
    static final class Steps {
        @Option(names = "--rates", split = ",", defaultValue = "100,200,500,1000",
                description = "messages per second in all, one step each, in this order (default ${DEFAULT-VALUE})")
        List<Double> rates;

        @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
                description = "per step, not measured (default ${DEFAULT-VALUE})")
        Duration warmup;

        // on one core the JIT compilers of Liberty and Keycloak take minutes to settle (half the ear
        // server's CPU was C2 five minutes after its start, a fifth after ten): figures are of servers
        // at work, not starting
        @Option(names = "--first-warmup", defaultValue = "600s", converter = DurationConverter.class,
                description = "warm-up of the first step, for a server that just started (default ${DEFAULT-VALUE})")
        Duration firstWarmup;

        @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
                description = "measured per step (default ${DEFAULT-VALUE})")
        Duration duration;

        @Option(names = "--drain", defaultValue = "10s", converter = DurationConverter.class,
                description = "after a step, how long late deliveries still count (default ${DEFAULT-VALUE})")
        Duration drain;

        @Option(names = "--text-size", defaultValue = "64", description = "characters per message (default ${DEFAULT-VALUE})")
        int textSize;

        @Option(names = "--max-failures", defaultValue = "2",
                description = "failing steps in a row after which stepping stops (default ${DEFAULT-VALUE})")
        int maxFailures;

        DeliveryRun.Settings settings(String scenario) {
            return new DeliveryRun.Settings(scenario, rates, firstWarmup, warmup, duration, drain, textSize, maxFailures);
        }
    }

    @Command(name = "spread", mixinStandardHelpOptions = true,
            description = "Many rooms of a few members, every user with a socket; the rate spread over all of them.")
    static final class Spread implements Callable<Integer> {
        @Mixin Common common;
        @Mixin Steps steps;

        @Option(names = "--rooms", defaultValue = "200", description = "(default ${DEFAULT-VALUE})")
        int rooms;

        @Option(names = "--members", defaultValue = "10", description = "per room (default ${DEFAULT-VALUE})")
        int members;

        @Override
        public Integer call() {
            return delivery("spread", common, steps, Fixture.Spec.rooms("spread", rooms, members));
        }
    }

    @Command(name = "hot", mixinStandardHelpOptions = true,
            description = "One room, many members, every member sends; each message goes to every member.")
    static final class Hot implements Callable<Integer> {
        @Mixin Common common;
        @Mixin Steps steps;

        @Option(names = "--members", defaultValue = "500", description = "(default ${DEFAULT-VALUE})")
        int members;

        @Override
        public Integer call() {
            return delivery("hot", common, steps, Fixture.Spec.rooms("hot", 1, members));
        }
    }

    static int delivery(String scenario, Common common, Steps steps, Fixture.Spec spec) {
        DeliveryRun.Settings settings = steps.settings(scenario);
        for (double rate : settings.rates()) {
            if (rate / spec.users() >= DeliveryRun.MAX_RATE_PER_SENDER) {
                throw new CommandLine.ParameterException(new CommandLine(new LoadGenerator()), String.format(Locale.ROOT,
                        "%.0f msg/s over %d users is %.2f msg/s each: the server allows 30 per 10 s per user",
                        rate, spec.users(), rate / spec.users()));
            }
        }
        try (BenchHttp http = new BenchHttp(common.baseUrl, common.ioThreads, common.batchFrames)) {
            Fixture.Layout layout = new Fixture(http, common.cacheDir, common.setupConcurrency).prepareToConnect(spec);
            try (Crowd crowd = Crowd.of(layout, http)) {
                // senders take turns member-major: consecutive messages go to different rooms
                List<BenchClient> senders = new ArrayList<>();
                for (int m = 0; m < spec.members(); m++) {
                    for (int r = 0; r < spec.rooms(); r++) {
                        senders.add(crowd.clients().get(r * spec.members() + m));
                    }
                }
                Map<String, Integer> sizes = new HashMap<>();
                layout.roomIds().forEach(id -> sizes.put(id, spec.members()));
                DeliveryRun run = new DeliveryRun(settings, senders, sizes);
                crowd.clients().forEach(c -> c.sink(run));
                Log.info("connecting " + crowd.clients().size() + " sockets");
                crowd.connectAll(32);
                double knee;
                try (Table table = new Table(common.out(scenario), DeliveryRun.columns())) {
                    knee = run.run(table);
                }
                System.out.println(knee > 0
                        ? String.format(Locale.ROOT, "knee: %.0f msg/s (p99 <= %.0f ms, >= %.1f %% delivered)", knee,
                                DeliveryRun.KNEE_P99_MS, 100 * DeliveryRun.KNEE_DELIVERED)
                        : "knee: no step met p99 <= 100 ms with >= 99.9 % delivered");
                renewals();
            }
            Fixture.remember(layout);
        }
        return 0;
    }

    @Command(name = "idle", mixinStandardHelpOptions = true,
            description = "N sockets connected and idle: server CPU, Keycloak requests, Liberty heap per socket.")
    static final class Idle implements Callable<Integer> {
        @Mixin Common common;
        @Mixin ServerProbes probes;

        @Option(names = "--sockets", defaultValue = "2000", description = "a multiple of 10 (default ${DEFAULT-VALUE})")
        int sockets;

        @Option(names = "--period", defaultValue = "60s", converter = DurationConverter.class,
                description = "measured (default ${DEFAULT-VALUE})")
        Duration period;

        // as --first-warmup: after one minute C2 was still half the ear server's and Keycloak's CPU
        @Option(names = "--settle", defaultValue = "600s", converter = DurationConverter.class,
                description = "after connecting, before measuring (default ${DEFAULT-VALUE})")
        Duration settle;



        @Option(names = "--liberty", defaultValue = "ear", description = "the stack's Liberty service (default ${DEFAULT-VALUE})")
        String liberty;

        @Override
        public Integer call() {
            if (sockets % 10 != 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--sockets must be a multiple of 10");
            }
            try (BenchHttp http = new BenchHttp(common.baseUrl, common.ioThreads, common.batchFrames)) {
                Fixture.Layout layout = new Fixture(http, common.cacheDir, common.setupConcurrency)
                        .prepareToConnect(Fixture.Spec.rooms("spread", sockets / 10, 10));
                try (Crowd crowd = Crowd.of(layout, http)) {
                    new IdleRun(new IdleRun.Settings(settle, period, liberty, common.baseUrl), probes.serverSide())
                            .run(crowd, common.out("idle"));
                }
                Fixture.remember(layout);
            }
            renewals();
            return 0;
        }
    }

    @Command(name = "reconnect", mixinStandardHelpOptions = true,
            description = "Every client drops and resumes with lastSeq under a steady rate: time to resume, exactly-once.")
    static final class Reconnect implements Callable<Integer> {
        @Mixin Common common;

        @Option(names = "--clients", defaultValue = "2000", description = "a multiple of 10 (default ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--rate", defaultValue = "20", description = "messages per second in all (default ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--before", defaultValue = "20s", converter = DurationConverter.class,
                description = "steady sending before the drops (default ${DEFAULT-VALUE})")
        Duration before;

        @Option(names = "--window", defaultValue = "10s", converter = DurationConverter.class,
                description = "all drop within it, then all reconnect within the next (default ${DEFAULT-VALUE})")
        Duration window;

        @Option(names = "--after", defaultValue = "20s", converter = DurationConverter.class,
                description = "steady sending after the reconnect window (default ${DEFAULT-VALUE})")
        Duration after;

        @Option(names = "--resume-timeout", defaultValue = "120s", converter = DurationConverter.class,
                description = "after the reconnect window opens (default ${DEFAULT-VALUE})")
        Duration resumeTimeout;

        @Option(names = "--text-size", defaultValue = "64")
        int textSize;

        @Override
        public Integer call() {
            if (clients % 10 != 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--clients must be a multiple of 10");
            }
            try (BenchHttp http = new BenchHttp(common.baseUrl, common.ioThreads, common.batchFrames)) {
                Fixture.Spec spec = Fixture.Spec.rooms("spread", clients / 10, 10);
                Fixture.Layout layout = new Fixture(http, common.cacheDir, common.setupConcurrency).prepareToConnect(spec);
                try (Crowd crowd = Crowd.of(layout, http)) {
                    List<BenchClient> senders = new ArrayList<>();
                    for (int m = 0; m < spec.members(); m++) {
                        for (int r = 0; r < spec.rooms(); r++) {
                            senders.add(crowd.clients().get(r * spec.members() + m));
                        }
                    }
                    new ReconnectRun(new ReconnectRun.Settings(rate, before, window, after, resumeTimeout, textSize), http)
                            .run(layout, crowd, senders, common.out("reconnect"));
                }
                Fixture.remember(layout);
            }
            renewals();
            return 0;
        }
    }

    /** Calls timed one by one, open loop: how many, after how many unmeasured, at what rate. */
    static final class Calls {
        @Option(names = "--calls", defaultValue = "300",
                description = "measured per operation and phase (default ${DEFAULT-VALUE})")
        int calls;

        @Option(names = "--warmup-calls", defaultValue = "20", description = "(default ${DEFAULT-VALUE})")
        int warmupCalls;

        @Option(names = "--call-rate", defaultValue = "20", description = "calls per second (default ${DEFAULT-VALUE})")
        double callRate;
    }

    /** Where seeded messages are written straight into the message store. */
    static final class StoreAccess {
        @Option(names = "--batch", defaultValue = "10000", description = "documents per insertMany (default ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--mongodb-uri", defaultValue = "mongodb://127.0.0.1:17017", description = "(default ${DEFAULT-VALUE})")
        String mongoUri;

        @Option(names = "--database", defaultValue = "blau", description = "(default ${DEFAULT-VALUE})")
        String database;
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Send and history latency on empty rooms, then with the store seeded with many messages.")
    static final class Store implements Callable<Integer> {
        @Mixin Common common;
        @Mixin Calls timing;
        @Mixin StoreAccess store;

        @Option(names = "--messages", defaultValue = "1000000", description = "seeded per variant (default ${DEFAULT-VALUE})")
        long messages;

        @Option(names = "--variants", split = ",", defaultValue = "1,1000",
                description = "rooms the seeded messages are spread over, one run each (default ${DEFAULT-VALUE})")
        List<Integer> variants;

        @Option(names = "--users", defaultValue = "10", description = "senders and readers (default ${DEFAULT-VALUE})")
        int users;

        @Option(names = "--sample-rooms", defaultValue = "10",
                description = "rooms of a variant the calls go to (default ${DEFAULT-VALUE})")
        int sampleRooms;

        @Option(names = "--prime", defaultValue = "30s", converter = DurationConverter.class,
                description = "unmeasured calls first, for a server that just started (default ${DEFAULT-VALUE})")
        Duration prime;

        @Option(names = "--keep", description = "keep the rooms and seeded messages (default: deleted after each variant)")
        boolean keep;

        @Option(names = "--text-size", defaultValue = "64")
        int textSize;

        @Override
        public Integer call() {
            if (timing.callRate / users >= DeliveryRun.MAX_RATE_PER_SENDER) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--call-rate over --users must stay under 3 sends per user per second (the server's rate limit)");
            }
            try (BenchHttp http = new BenchHttp(common.baseUrl, common.ioThreads, common.batchFrames)) {
                Fixture fixture = new Fixture(http, common.cacheDir, common.setupConcurrency);
                Fixture.Layout layout = fixture.prepare(Fixture.Spec.usersOnly("store", users));
                new StoreRun(new StoreRun.Settings(messages, variants, sampleRooms, timing.calls, timing.warmupCalls,
                        timing.callRate, prime, store.batch, store.mongoUri, store.database, keep, textSize,
                        common.setupConcurrency), http, fixture).run(layout, common.out("store"));
                Fixture.remember(layout);
            }
            renewals();
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Search latency over many messages: seeded into the store and announced on Kafka, indexed by"
                    + " the chat servers, then a fixed mix of queries for a user in a few rooms and one in all.")
    static final class Search implements Callable<Integer> {
        @Mixin Common common;
        @Mixin Calls timing;
        @Mixin StoreAccess store;

        @Option(names = "--messages", defaultValue = "1000000", description = "seeded (default ${DEFAULT-VALUE})")
        long messages;

        @Option(names = "--rooms", defaultValue = "1000", description = "the messages are spread over (default ${DEFAULT-VALUE})")
        int rooms;

        @Option(names = "--member-rooms", defaultValue = "20",
                description = "rooms of the user with the smaller scope (default ${DEFAULT-VALUE})")
        int memberRooms;

        @Option(names = "--kafka", defaultValue = "127.0.0.1:19092", description = "bootstrap servers (default ${DEFAULT-VALUE})")
        String kafka;

        @Option(names = "--keep", description = "keep the rooms and their messages (default: the rooms are deleted)")
        boolean keep;

        @Option(names = "--reuse", description = "measure the rooms an earlier run kept (--keep): no new rooms, no seeding")
        boolean reuse;

        @Option(names = "--prime", defaultValue = "60s", converter = DurationConverter.class,
                description = "the whole mix unmeasured first, for a server that just started (default ${DEFAULT-VALUE})")
        Duration prime;

        @Override
        public Integer call() {
            try (BenchHttp http = new BenchHttp(common.baseUrl, common.ioThreads, common.batchFrames)) {
                Fixture fixture = new Fixture(http, common.cacheDir, common.setupConcurrency);
                Fixture.Layout layout = fixture.prepare(Fixture.Spec.usersOnly("search", 2));
                new SearchRun(new SearchRun.Settings(messages, rooms, memberRooms, timing.calls, timing.warmupCalls,
                        timing.callRate, store.batch, store.mongoUri, store.database, kafka, keep || reuse, reuse, prime,
                        common.setupConcurrency), http, fixture).run(layout, common.out("search"));
                Fixture.remember(layout);
            }
            return 0;
        }
    }

    @Command(name = "files", mixinStandardHelpOptions = true,
            description = "Uploads of one user to one room, per kind of file (a 12-megapixel camera JPEG, a 1 MB"
                    + " screenshot PNG, a 5 MB binary), open loop at each rate: latency from the due time, refusals, MB/s.")
    static final class Files implements Callable<Integer> {
        @Mixin Common common;
        @Mixin ServerProbes probes;

        @Option(names = "--kinds", split = ",", defaultValue = "photo,screenshot,binary",
                description = "in this order: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
        List<FilesRun.Kind> kinds;

        @Option(names = "--rates", split = ",", defaultValue = "1,2,4,8",
                description = "uploads per second, one step each per kind, in this order (default ${DEFAULT-VALUE})")
        List<Double> rates;

        @Option(names = "--prime", defaultValue = "30s", converter = DurationConverter.class,
                description = "every kind in turn at 1 upload/s, unmeasured, for a server that just started"
                        + " (default ${DEFAULT-VALUE})")
        Duration prime;

        @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
                description = "per step, not measured (default ${DEFAULT-VALUE})")
        Duration warmup;

        @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
                description = "measured per step (default ${DEFAULT-VALUE})")
        Duration duration;

        // past its capacity a step leaves a backlog of uploads behind: a higher rate only adds to it
        @Option(names = "--max-failures", defaultValue = "1",
                description = "failing steps in a row after which a kind stops (default ${DEFAULT-VALUE})")
        int maxFailures;

        @Option(names = "--keep", description = "keep the room and its uploads (default: deleted at the end)")
        boolean keep;


        @Option(names = "--liberty", defaultValue = "ear", description = "the stack's Liberty service (default ${DEFAULT-VALUE})")
        String liberty;

        @Override
        public Integer call() {
            try (BenchHttp http = new BenchHttp(common.baseUrl, common.ioThreads, common.batchFrames)) {
                Fixture fixture = new Fixture(http, common.cacheDir, common.setupConcurrency);
                Fixture.Layout layout = fixture.prepare(Fixture.Spec.usersOnly("files", 1));
                new FilesRun(new FilesRun.Settings(kinds, rates, prime, warmup, duration, maxFailures, keep), http, fixture,
                        probes.serverSide(), liberty).run(layout, common.out("files"));
                Fixture.remember(layout);
            }
            return 0;
        }
    }

    @Command(name = "renewals", mixinStandardHelpOptions = true,
            description = "Signed-in users renew their tokens through auth-app (a Keycloak refresh grant each), open loop,"
                    + " one step per rate: latency, renewals answered, CPU of each process in all and per renewal.")
    static final class Renewals implements Callable<Integer> {
        @Mixin Common common;
        @Mixin ServerProbes probes;

        // the spread scenario's users (a multiple of 10): a stack that ran it has them registered already
        @Option(names = "--users", defaultValue = "2000",
                description = "who take turns renewing, a multiple of 10 (default ${DEFAULT-VALUE})")
        int users;

        @Option(names = "--rates", split = ",", defaultValue = "5,10,20,40",
                description = "renewals per second, one step each, in this order (default ${DEFAULT-VALUE})")
        List<Double> rates;

        @Option(names = "--first-warmup", defaultValue = "120s", converter = DurationConverter.class,
                description = "warm-up of the first step, for servers that just started (default ${DEFAULT-VALUE})")
        Duration firstWarmup;

        @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
                description = "per step, not measured (default ${DEFAULT-VALUE})")
        Duration warmup;

        @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
                description = "measured per step (default ${DEFAULT-VALUE})")
        Duration duration;

        @Option(names = "--drain", defaultValue = "15s", converter = DurationConverter.class,
                description = "after a step, how long late answers still count (default ${DEFAULT-VALUE})")
        Duration drain;



        @Override
        public Integer call() {
            if (users % 10 != 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--users must be a multiple of 10");
            }
            try (BenchHttp http = new BenchHttp(common.baseUrl, common.ioThreads, common.batchFrames)) {
                Fixture.Layout layout = new Fixture(http, common.cacheDir, common.setupConcurrency)
                        .prepare(Fixture.Spec.rooms("spread", users / 10, 10));
                ServerSide server = probes.serverSide();
                List<String> processes = new ArrayList<>(server.processes().keySet());
                double sustained;
                try (Table table = new Table(common.out("renewals"), RenewalRun.columns(processes))) {
                    sustained = new RenewalRun(new RenewalRun.Settings(rates, firstWarmup, warmup, duration, drain), http,
                            server).run(layout.sessions(), table, processes);
                }
                System.out.println(sustained > 0
                        ? String.format(Locale.ROOT, "sustained: %.0f renewals/s (all answered, p99 <= %.0f ms)", sustained,
                                RenewalRun.SUSTAINED_P99_MS)
                        : "sustained: no step had every renewal answered with p99 <= 1 s");
                Fixture.remember(layout);
            }
            return 0;
        }
    }

    private static void renewals() {
        Log.info(String.format(Locale.ROOT,
                "tokens renewed %d times (%d failures); auth frames: %d auth_ok, %d invalid-token, %d unknown-type;"
                        + " %d sockets closed 4001",
                BenchClient.RENEWALS.sum(), BenchClient.RENEWAL_FAILURES.sum(), BenchClient.AUTH_OK.sum(),
                BenchClient.AUTH_REFUSED.sum(), BenchClient.AUTH_UNSUPPORTED.sum(), BenchClient.CLOSED_UNRENEWED.sum()));
    }

    private LoadGenerator() {
    }
}
