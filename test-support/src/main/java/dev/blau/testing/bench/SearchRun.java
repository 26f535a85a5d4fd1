package dev.blau.testing.bench;

import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;

import org.HdrHistogram.ConcurrentHistogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;

/**
 * Search over many messages. Seeds {@code messages} messages over {@code rooms} public rooms, the
 * way a chat server would have stored and announced them: documents straight into the message
 * store, and their {@code message.sent} events into {@code blau.chat-events}, which the chat
 * servers' search consumer indexes as it would any message (how long that takes is the indexing
 * rate). Then each query of a fixed mix, open loop at {@code callRate}, for two users: one in
 * {@code memberRooms} of the rooms, one (the owner) in all of them. The texts come from a
 * seeded generator with words of known frequency, so what a query matches is known.
 */
final class SearchRun {

    record Settings(long messages, int rooms, int memberRooms, int calls, int warmupCalls, double callRate, int batch,
                    String mongoUri, String database, String kafka, boolean keep, boolean reuse, Duration prime,
                    int concurrency) {
    }

    /** One query of the mix: what it is meant to measure, and the query string. */
    record Query(String name, String q, String sort) {
    }

    static final String TOPIC = "blau.chat-events";
    static final String SEARCH_GROUP = "blau-chat-search";

    private final Settings settings;
    private final BenchHttp http;
    private final Fixture fixture;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    SearchRun(Settings settings, BenchHttp http, Fixture fixture) {
        this.settings = settings;
        this.http = http;
        this.fixture = fixture;
    }

    void run(Fixture.Layout users, java.nio.file.Path out) {
        List<Session> sessions = users.sessions();
        Session owner = sessions.get(0);
        Session member = sessions.get(1);
        List<String> rooms = settings.reuse() ? roomsOf(owner) : createRooms(settings.rooms(), owner);
        try (MongoClient mongo = MongoClients.create(settings.mongoUri());
             Table table = new Table(out, "user_rooms", "query", "q", "sort", "calls", "ok", "errors", "results_p50",
                     "p50_ms", "p90_ms", "p99_ms", "max_ms")) {
            int memberRooms = settings.memberRooms();
            if (settings.reuse()) {
                memberRooms = roomsOf(member).size();
                Log.info("measuring the " + rooms.size() + " rooms of an earlier run (the member is in " + memberRooms
                        + ")");
                awaitIndexed();
            } else {
                Parallel.run("joining", memberRooms, settings.concurrency(), i -> fixture.join(member, rooms.get(i)));
                seed(rooms, sessions, mongo.getDatabase(settings.database()).getCollection("messages"));
            }
            prime(member, owner);
            for (Session user : List.of(member, owner)) {
                int scope = user == owner ? rooms.size() : memberRooms;
                for (Query query : mix(owner)) {
                    measure(user, scope, query, table);
                }
            }
        } finally {
            if (!settings.keep()) {
                Parallel.run("deleting rooms", rooms.size(), settings.concurrency(),
                        i -> http.send("DELETE", Chat.BASE + "/rooms/" + rooms.get(i), owner.accessToken(), null));
            }
        }
    }

    /** The user's rooms, as the room list gives them (complete). */
    private List<String> roomsOf(Session user) {
        Api.Answer answer = http.send("GET", Chat.BASE + "/rooms", user.accessToken(), null);
        if (answer.status() != 200) {
            throw new IllegalStateException("room list: " + answer);
        }
        return answer.jsonArray().getValuesAs(jakarta.json.JsonObject.class).stream().map(r -> r.getString("id"))
                .toList();
    }

    private static List<Query> mix(Session owner) {
        return List.of(
                new Query("rare word", "quokka", "newest"),
                new Query("common word as a substring", "deploy", "newest"),
                new Query("without accents", "acao", "newest"),
                new Query("url part", "pull/42", "newest"),
                new Query("phrase", "\"revisao do codigo\"", "newest"),
                new Query("two words", "deploy acao", "newest"),
                new Query("very common 3 letters", "the", "newest"),
                new Query("absent word", "zyzzyva", "newest"),
                new Query("from + word", "from:@" + owner.user().username() + " deploy", "newest"),
                new Query("by relevance", "deploy", "relevance"));
    }

    private List<String> createRooms(int count, Session owner) {
        List<String> rooms = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, (String) null)));
        Parallel.run("creating rooms", count, settings.concurrency(), i -> rooms.set(i, fixture.createRoom(owner)));
        return List.copyOf(rooms);
    }

    /** Words of known frequency, the rest from a large vocabulary; Portuguese and English mixed. */
    static final class Corpus {
        private static final String[] COMMON = ("o a de que e do da em um para com não uma os no se na por mais as "
                + "the to and of is in it you that for on this with be are have not at but we can will just "
                + "reunião amanhã hoje projeto equipe cliente código teste revisão entrega prazo versão servidor "
                + "banco dados erro falha corrigido pronto obrigado bom dia build release merge branch issue "
                + "meeting tomorrow today team client review server database error fixed ready thanks").split(" ");
        private final SplittableRandom random;

        Corpus(long seed) {
            this.random = new SplittableRandom(seed);
        }

        String next() {
            StringBuilder text = new StringBuilder();
            int words = 6 + random.nextInt(15);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    text.append(' ');
                }
                text.append(random.nextInt(10) < 7 ? COMMON[random.nextInt(COMMON.length)] : rareWord());
            }
            int roll = random.nextInt(10_000);
            if (roll < 500) { // 5 %
                text.append(roll % 3 == 0 ? " deploy" : roll % 3 == 1 ? " redeployed" : " deployment");
            }
            if (random.nextInt(100) == 0) { // 1 %
                text.append(" ação");
            }
            if (random.nextInt(50) == 0) { // 2 %
                text.append(" https://git.example.com/blau/pull/").append(random.nextInt(100_000));
            }
            if (random.nextInt(200) == 0) { // 0.5 %
                text.append(" revisão do código");
            }
            if (random.nextInt(10_000) == 0) { // 0.01 %
                text.append(" quokka");
            }
            return text.toString();
        }

        /** One of 50,000 made-up words, some far more frequent than others. */
        private String rareWord() {
            int n = (int) Math.pow(50_000, random.nextDouble());
            return "w" + Integer.toString(n * 7919 % 50_000, 36) + "x";
        }
    }

    private void seed(List<String> rooms, List<Session> sessions, MongoCollection<Document> store) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        long t0 = System.nanoTime();
        long createdFrom = System.currentTimeMillis() - settings.messages() / 1000 - 1;
        Corpus corpus = new Corpus(42);
        int roomCount = rooms.size();
        List<Document> batch = new ArrayList<>(settings.batch());
        List<ProducerRecord<String, String>> events = new ArrayList<>(settings.batch());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (long i = 0; i < settings.messages(); i++) {
                String room = rooms.get((int) (i % roomCount));
                long seq = i / roomCount + 1;
                Session sender = sessions.get((int) (i % sessions.size()));
                String clientMsgId = "search-" + run + "-" + i;
                String text = corpus.next();
                Date createdAt = new Date(createdFrom + i / 1000);
                batch.add(new Document("_id", room + ":" + seq)
                        .append("roomId", room)
                        .append("seq", seq)
                        .append("senderId", sender.user().id())
                        .append("senderName", sender.user().username())
                        .append("text", text)
                        .append("clientMsgId", clientMsgId)
                        .append("idempotencyKey", room + "|" + sender.user().id() + "|" + clientMsgId)
                        .append("createdAt", createdAt));
                events.add(new ProducerRecord<>(TOPIC, room, event(room, seq, sender, text, clientMsgId,
                        createdAt.toInstant())));
                if (batch.size() == settings.batch() || i == settings.messages() - 1) {
                    // stored before announced, as a server does
                    store.insertMany(batch, new InsertManyOptions().ordered(false));
                    events.forEach(producer::send);
                    batch.clear();
                    events.clear();
                }
            }
            producer.flush();
        }
        double seeded = (System.nanoTime() - t0) / 1e9;
        Log.info(String.format(Locale.ROOT, "seeded %d messages into %d rooms and announced them in %.1f s",
                settings.messages(), roomCount, seeded));
        awaitIndexed();
        double indexed = (System.nanoTime() - t0) / 1e9;
        Log.info(String.format(Locale.ROOT, "the search index holds them %.1f s after the first was sent: %.0f messages/s",
                indexed, settings.messages() / indexed));
    }

    private static String event(String room, long seq, Session sender, String text, String clientMsgId,
                                Instant createdAt) {
        StringWriter out = new StringWriter(text.length() + 400);
        try (JsonGenerator json = Json.createGenerator(out)) {
            json.writeStartObject()
                    .write("eventId", UUID.randomUUID().toString())
                    .write("type", "message.sent")
                    .write("time", createdAt.toString())
                    .write("roomId", room)
                    .writeStartObject("message")
                    .write("id", room + ":" + seq)
                    .write("roomId", room)
                    .write("seq", seq)
                    .write("senderId", sender.user().id())
                    .write("senderName", sender.user().username())
                    .write("text", text)
                    .write("clientMsgId", clientMsgId)
                    .write("createdAt", createdAt.toString())
                    .write("replyCount", 0)
                    .writeStartArray("reactions").writeEnd()
                    .writeStartArray("mentions").writeEnd()
                    .write("pinned", false)
                    .write("version", 0)
                    .writeEnd()
                    .writeEnd();
        }
        return out.toString();
    }

    /** Until the search consumer group has read everything in the topic. */
    private void awaitIndexed() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka());
        try (Admin admin = Admin.create(config)) {
            long lastReport = System.nanoTime();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SEARCH_GROUP)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC).partitions()
                        .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
                long lag = 0;
                for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue().offset() - (at == null ? 0 : at.offset());
                }
                if (lag == 0) {
                    return;
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    Log.info("  the search index is " + lag + " events behind");
                }
                IdleRun.sleep(Duration.ofSeconds(1));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not follow the search consumer group", e);
        }
    }

    /** The whole mix, unmeasured, for a server that just started (its JIT, PostgreSQL's caches). */
    private void prime(Session member, Session owner) {
        if (settings.prime().isZero()) {
            return;
        }
        Log.info("priming for " + settings.prime().toSeconds() + " s (unmeasured)");
        fresh(member);
        fresh(owner);
        List<Query> mix = mix(owner);
        long calls = (long) (settings.prime().toMillis() / 1000.0 * settings.callRate());
        OpenLoop schedule = new OpenLoop(settings.callRate(), System.nanoTime());
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (long k = 0; k < calls; k++) {
            schedule.awaitDue(k);
            Query query = mix.get((int) (k % mix.size()));
            // a whole round of the mix for each user in turn: every query primed in both scopes
            Session user = (k / mix.size()) % 2 == 0 ? member : owner;
            answers.add(http.sendAsync("GET", path(query), user.accessToken(), null));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private static String path(Query query) {
        return Chat.BASE + "/search?q=" + URLEncoder.encode(query.q(), StandardCharsets.UTF_8) + "&sort=" + query.sort();
    }

    /** Seeding and indexing outlast an access token. */
    private void fresh(Session user) {
        if (user.expiresAtNanos() - System.nanoTime() < TimeUnit.SECONDS.toNanos(90)) {
            user.renew(http).join();
        }
    }

    private void measure(Session user, int scope, Query query, Table table) {
        fresh(user);
        ConcurrentHistogram latency = Latency.histogram();
        ConcurrentHistogram results = new ConcurrentHistogram(3);
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        int total = settings.warmupCalls() + settings.calls();
        String path = path(query);
        OpenLoop schedule = new OpenLoop(settings.callRate(), System.nanoTime() + 50_000_000L);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int k = 0; k < total; k++) {
            long due = schedule.awaitDue(k);
            boolean measured = k >= settings.warmupCalls();
            calls.add(http.sendAsync("GET", path, user.accessToken(), null).whenComplete((answer, error) -> {
                long now = System.nanoTime();
                if (!measured) {
                    return;
                }
                if (error != null || answer.status() != 200) {
                    errors.increment();
                    if (errors.sum() <= 3) {
                        Log.info("  failed search: " + (error != null ? error : answer));
                    }
                    return;
                }
                Latency.record(latency, due, now);
                results.recordValue(answer.json().getJsonArray("results").size());
                ok.increment();
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
        table.row(scope, query.name(), query.q(), query.sort(), settings.calls(), ok.sum(), errors.sum(),
                results.getValueAtPercentile(50), Table.ms(Latency.ms(latency, 50)), Table.ms(Latency.ms(latency, 90)),
                Table.ms(Latency.ms(latency, 99)), Table.ms(Latency.maxMs(latency)));
        Log.info(String.format(Locale.ROOT, "  %d rooms, %s (%s): p50 %.1f ms, p99 %.1f ms, %d errors", scope,
                query.name(), query.q(), Latency.ms(latency, 50), Latency.ms(latency, 99), errors.sum()));
    }
}
