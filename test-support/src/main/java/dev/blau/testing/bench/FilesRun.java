package dev.blau.testing.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import jakarta.json.JsonObject;

import org.HdrHistogram.ConcurrentHistogram;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;

/**
 * Uploads ({@code POST …/rooms/{id}/files}) of one user to one room, per kind of file: a
 * camera-like 12-megapixel JPEG, a screenshot-like PNG of about 1 MB (both get a thumbnail:
 * decoded, scaled, encoded), a 5 MB random binary (stored as it comes). Per kind, steps of a
 * fixed open-loop rate (uploads per second): warm-up, then the uploads due in the measured
 * period, each timed from its due time to the {@code 201}. Before that, one file of each kind
 * goes up and comes back (bytes, type, size, thumbnail) as a check, not measured, and a
 * priming phase runs all kinds unmeasured for a server that just started. The room is deleted
 * at the end, and with it the uploads (none is ever sent in a message).
 */
final class FilesRun {

    /** The knee: uploads are not chat messages, a second is still quick for a 3 MB photo. */
    static final double KNEE_P99_MS = 1000;

    record Settings(List<Kind> kinds, List<Double> rates, Duration prime, Duration warmup, Duration duration,
                    int maxFailures, boolean keep) {
    }

    enum Kind {
        PHOTO("photo.jpg", "image/jpeg"),
        SCREENSHOT("screenshot.png", "image/png"),
        BINARY("data.bin", "application/octet-stream");

        final String fileName;
        final String contentType;

        Kind(String fileName, String contentType) {
            this.fileName = fileName;
            this.contentType = contentType;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A file's bytes and the whole multipart body that carries it, built once. */
    record Payload(Kind kind, byte[] bytes, byte[] body, String boundary, int width, int height) {

        double megabytes() {
            return bytes.length / 1e6;
        }
    }

    /** What the check found for a kind: the file as the server describes it, and its thumbnail. */
    record Check(boolean ok, String contentType, int width, int height, long thumbnailBytes, String thumbnailSize) {
    }

    /** One step's bookkeeping; written by the I/O threads, read when the step is over. */
    private static final class Step {
        final ConcurrentHistogram latency = Latency.histogram();
        final ConcurrentHistogram late = Latency.histogram();
        final LongAdder sent = new LongAdder();
        final LongAdder ok = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final AtomicLong lastAnswer = new AtomicLong();
    }

    private final Settings settings;
    private final BenchHttp http;
    private final Fixture fixture;
    private final ServerSide server;
    private final String liberty;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    FilesRun(Settings settings, BenchHttp http, Fixture fixture, ServerSide server, String liberty) {
        this.settings = settings;
        this.http = http;
        this.fixture = fixture;
        this.server = server;
        this.liberty = liberty;
    }

    void run(Fixture.Layout users, Path out) {
        Session user = users.sessions().get(0);
        Map<Kind, Payload> payloads = new LinkedHashMap<>();
        for (Kind kind : settings.kinds()) {
            long t0 = System.nanoTime();
            Payload payload = payload(kind);
            payloads.put(kind, payload);
            Log.info(String.format(Locale.ROOT, "%s: %,d bytes%s, made in %.1f s", kind.label(), payload.bytes().length,
                    payload.width() > 0 ? " (" + payload.width() + "×" + payload.height() + ")" : "",
                    (System.nanoTime() - t0) / 1e9));
        }
        String room = fixture.createRoom(user);
        Map<Kind, Double> knees = new LinkedHashMap<>();
        try (Table table = new Table(out, "kind", "file_mb", "rate", "sent", "ok", "refused", "failed", "p50_ms",
                "p90_ms", "p99_ms", "max_ms", "uploads_per_s", "mb_per_s", "cpu_server_pct", "cpu_" + liberty + "_pct",
                "cpu_launcher_pct", "cpu_postgres_pct", "gen_late_p99_ms", "type", "width", "height", "thumb_bytes",
                "thumb_size", "check", "knee")) {
            Map<Kind, Check> checks = new LinkedHashMap<>();
            payloads.values().forEach(p -> checks.put(p.kind(), check(user, room, p)));
            prime(user, room, List.copyOf(payloads.values()));
            for (Payload payload : payloads.values()) {
                knees.put(payload.kind(), steps(user, room, payload, checks.get(payload.kind()), table));
            }
        } finally {
            if (!settings.keep()) {
                Api.Answer answer = http.send("DELETE", Chat.BASE + "/rooms/" + room, user.accessToken(), null);
                Log.info("room deleted with its uploads (--keep keeps them): " + answer.status());
            }
        }
        knees.forEach((kind, knee) -> System.out.println(knee > 0
                ? String.format(Locale.ROOT, "knee %s: %s uploads/s (p99 <= %.0f ms, none refused or failed)",
                        kind.label(), rate(knee), KNEE_P99_MS)
                : String.format(Locale.ROOT, "knee %s: no step met p99 <= %.0f ms with none refused or failed",
                        kind.label(), KNEE_P99_MS)));
    }

    // ---- the files -----------------------------------------------------------------------------------------

    private Payload payload(Kind kind) {
        SplittableRandom random = new SplittableRandom(42 + kind.ordinal());
        try {
            return switch (kind) {
                case PHOTO -> body(kind, jpeg(photo(4000, 3000, random), 0.92f), 4000, 3000);
                case SCREENSHOT -> {
                    ByteArrayOutputStream png = new ByteArrayOutputStream();
                    ImageIO.write(screenshot(1920, 1080, random), "png", png);
                    yield body(kind, png.toByteArray(), 1920, 1080);
                }
                case BINARY -> {
                    byte[] bytes = new byte[5 * 1024 * 1024];
                    random.nextBytes(bytes);
                    yield body(kind, bytes, 0, 0);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Payload body(Kind kind, byte[] bytes, int width, int height) {
        String boundary = "----blau-bench-" + run;
        ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + kind.fileName + "\"\r\nContent-Type: " + kind.contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Payload(kind, bytes, body.toByteArray(), boundary, width, height);
    }

    /**
     * Sky and ground, a few hundred soft blobs, and sensor noise on every pixel: flat colour
     * would compress to almost nothing, and a photo's size is what the server copies and
     * stores (quality 0.92: 2–4 MB, as phone cameras write).
     */
    static BufferedImage photo(int width, int height, SplittableRandom random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float horizon = height * 0.55f;
        g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 210), 0, horizon, new Color(225, 215, 190)));
        g.fillRect(0, 0, width, height);
        g.setPaint(new GradientPaint(0, horizon, new Color(70, 95, 45), 0, height, new Color(35, 40, 25)));
        g.fillRect(0, (int) horizon, width, height);
        for (int i = 0; i < 400; i++) {
            float x = random.nextInt(width);
            float y = random.nextInt(height);
            float r = 20 + random.nextInt(400);
            Color c = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 60 + random.nextInt(120));
            g.setPaint(new RadialGradientPaint(x, y, r, new float[] {0f, 1f},
                    new Color[] {c, new Color(c.getRed(), c.getGreen(), c.getBlue(), 0)}));
            g.fillOval((int) (x - r), (int) (y - r), (int) (2 * r), (int) (2 * r));
        }
        g.dispose();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int n = random.nextInt(13) - 6; // luminance noise, then a little per channel
            pixels[i] = channel((p >> 16 & 0xff) + n + random.nextInt(5) - 2) << 16
                    | channel((p >> 8 & 0xff) + n + random.nextInt(5) - 2) << 8
                    | channel((p & 0xff) + n + random.nextInt(5) - 2);
        }
        return image;
    }

    /**
     * A chat app in a window: flat panels, lines of glyph-sized blocks for text, and a shared
     * picture with noise in it, the part that makes a screenshot's PNG about 1 MB rather than
     * a few dozen KB.
     */
    static BufferedImage screenshot(int width, int height, SplittableRandom random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(246, 247, 249));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(32, 36, 44));
        g.fillRect(0, 0, 280, height);
        g.setColor(new Color(60, 90, 160));
        g.fillRect(0, 0, width, 48);
        for (int y = 70; y < height - 20; y += 34) {
            g.setColor(new Color(120 + random.nextInt(60), 130, 150));
            text(g, random, 24, y, 200, 10);
        }
        for (int y = 80; y < height - 80; y += 22) {
            g.setColor(new Color(30 + random.nextInt(40), 30, 40));
            text(g, random, 320, y, 900 + random.nextInt(500), 9);
        }
        g.dispose();
        int side = 760;
        int left = width - side - 80;
        int top = 300;
        for (int y = 0; y < side * 9 / 16; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(left + x, top + y, channel(x * 255 / side + random.nextInt(41) - 20) << 16
                        | channel(y * 255 / side + random.nextInt(41) - 20) << 8 | channel(128 + random.nextInt(41) - 20));
            }
        }
        return image;
    }

    private static void text(Graphics2D g, SplittableRandom random, int x, int y, int width, int height) {
        int end = x + width;
        while (x < end) {
            int letters = 3 + random.nextInt(8);
            for (int c = 0; c < letters && x < end; c++) {
                int w = 4 + random.nextInt(4);
                g.fillRect(x, y + random.nextInt(3), w, height - random.nextInt(4));
                x += w + 2;
            }
            x += 7;
        }
    }

    private static int channel(int value) {
        return Math.max(0, Math.min(255, value));
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    // ---- the check and the priming -------------------------------------------------------------------------

    /** One upload of the kind and back: the same bytes, the type from the bytes, the size, a small thumbnail. */
    private Check check(Session user, String room, Payload payload) {
        Api.Answer answer = http.upload(Chat.BASE + "/rooms/" + room + "/files", user.accessToken(),
                payload.boundary(), payload.body()).join();
        if (answer.status() != 201) {
            throw new IllegalStateException("the check's upload of " + payload.kind().label() + " failed: " + answer);
        }
        JsonObject file = answer.json();
        List<String> wrong = new ArrayList<>();
        String type = file.getString("contentType", "");
        int width = file.getInt("width", 0);
        int height = file.getInt("height", 0);
        if (!type.equals(payload.kind().contentType)) {
            wrong.add("type " + type);
        }
        if (file.getJsonNumber("size").longValue() != payload.bytes().length) {
            wrong.add("size " + file.get("size"));
        }
        if (width != payload.width() || height != payload.height()) {
            wrong.add("dimensions " + width + "×" + height);
        }
        byte[] back = http.bytes(file.getString("url"), user.accessToken());
        if (!Arrays.equals(back, payload.bytes())) {
            wrong.add("the bytes that came back (" + (back == null ? "none" : back.length + " bytes") + ")");
        }
        long thumbnailBytes = 0;
        String thumbnailSize = "";
        boolean image = payload.width() > 0;
        if (image != file.containsKey("thumbnailUrl")) {
            wrong.add(image ? "no thumbnail" : "a thumbnail");
        }
        if (file.containsKey("thumbnailUrl")) {
            byte[] thumbnail = http.bytes(file.getString("thumbnailUrl"), user.accessToken());
            thumbnailBytes = thumbnail == null ? 0 : thumbnail.length;
            try {
                BufferedImage small = thumbnail == null ? null : ImageIO.read(new ByteArrayInputStream(thumbnail));
                if (small == null || Math.max(small.getWidth(), small.getHeight()) > 400) {
                    wrong.add("the thumbnail " + (small == null ? "unreadable" : small.getWidth() + "×" + small.getHeight()));
                } else {
                    thumbnailSize = small.getWidth() + "x" + small.getHeight();
                }
            } catch (IOException e) {
                wrong.add("the thumbnail unreadable: " + e.getMessage());
            }
        }
        if (wrong.isEmpty()) {
            Log.info("check " + payload.kind().label() + ": " + type + ", the same bytes back"
                    + (thumbnailBytes > 0 ? ", thumbnail " + thumbnailSize + " in " + thumbnailBytes + " bytes" : ""));
        } else {
            Log.info("check " + payload.kind().label() + " FAILED: " + String.join(", ", wrong));
        }
        return new Check(wrong.isEmpty(), type, width, height, thumbnailBytes, thumbnailSize);
    }

    /** Every kind in turn at one upload a second, unmeasured: a server that just started is cold (JIT, pools). */
    private void prime(Session user, String room, List<Payload> payloads) {
        long uploads = settings.prime().toSeconds();
        if (uploads == 0) {
            return;
        }
        Log.info("priming the server: " + uploads + " uploads of every kind in turn at 1/s, not measured");
        OpenLoop schedule = new OpenLoop(1, System.nanoTime());
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (long k = 0; k < uploads; k++) {
            schedule.awaitDue(k);
            Payload payload = payloads.get((int) (k % payloads.size()));
            answers.add(http.upload(Chat.BASE + "/rooms/" + room + "/files", user.accessToken(), payload.boundary(),
                    payload.body()));
        }
        awaitAll(answers);
    }

    // ---- the steps -----------------------------------------------------------------------------------------

    /** The rates in turn for one kind; returns its knee (0 when no step passed). */
    private double steps(Session user, String room, Payload payload, Check check, Table table) {
        double knee = 0;
        int failuresInARow = 0;
        for (double rate : settings.rates()) {
            user.renew(http).join(); // a step with a backlog can outlast a token
            Log.info(String.format(Locale.ROOT, "%s at %s uploads/s (%.1f MB/s): %d s warm-up + %d s measured",
                    payload.kind().label(), rate(rate), rate * payload.megabytes(), settings.warmup().toSeconds(),
                    settings.duration().toSeconds()));
            boolean passed = step(user, room, payload, rate, check, table);
            if (passed) {
                knee = Math.max(knee, rate);
                failuresInARow = 0;
            } else if (++failuresInARow >= settings.maxFailures()) {
                Log.info(failuresInARow + " failing step(s) in a row: next kind");
                break;
            }
        }
        return knee;
    }

    private boolean step(Session user, String room, Payload payload, double rate, Check check, Table table) {
        Step step = new Step();
        long firstMeasured = (long) Math.ceil(settings.warmup().toNanos() / 1e9 * rate);
        long end = firstMeasured + (long) Math.ceil(settings.duration().toNanos() / 1e9 * rate);
        OpenLoop schedule = new OpenLoop(rate, System.nanoTime() + 100_000_000L);
        String path = Chat.BASE + "/rooms/" + room + "/files";
        Map<String, Long> pids = server.processes();
        Map<String, Long> cpu0 = null;
        long cpuFrom = 0;
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (long k = 0; k < end; k++) {
            long due = schedule.awaitDue(k);
            boolean measured = k >= firstMeasured;
            if (k == firstMeasured) {
                cpuFrom = System.nanoTime();
                cpu0 = cpu(pids);
            }
            CompletableFuture<Api.Answer> answer = http.upload(path, user.accessToken(), payload.boundary(), payload.body());
            if (!measured) {
                answers.add(answer);
                continue;
            }
            Latency.record(step.late, due, System.nanoTime());
            step.sent.increment();
            answers.add(answer.whenComplete((a, error) -> {
                long now = System.nanoTime();
                step.lastAnswer.accumulateAndGet(now, Math::max);
                if (error != null) {
                    step.failed.increment();
                    if (step.failed.sum() <= 3) {
                        Log.info("  failed upload: " + error);
                    }
                } else if (a.status() != 201) {
                    step.refused.increment();
                    step.statuses.computeIfAbsent(a.status(), s -> new LongAdder()).increment();
                    if (step.refused.sum() <= 3) {
                        Log.info("  refused upload: " + a);
                    }
                } else {
                    Latency.record(step.latency, due, now);
                    step.ok.increment();
                }
            }));
        }
        awaitAll(answers);
        // the server's CPU and throughput over the measured period, from its first due upload to
        // the last answer: a server that falls behind works past the schedule
        Map<String, Long> cpu1 = cpu(pids);
        double cpuSeconds = (System.nanoTime() - cpuFrom) / 1e9;
        long windowEnd = Math.max(schedule.due(end), step.lastAnswer.get());
        double seconds = (windowEnd - schedule.due(firstMeasured)) / 1e9;
        double p99 = Latency.ms(step.latency, 99);
        long sent = step.sent.sum();
        long ok = step.ok.sum();
        boolean passed = ok > 0 && ok == sent && p99 <= KNEE_P99_MS;
        table.row(payload.kind().label(), String.format(Locale.ROOT, "%.2f", payload.megabytes()), rate(rate), sent, ok,
                step.refused.sum(), step.failed.sum(), Table.ms(Latency.ms(step.latency, 50)),
                Table.ms(Latency.ms(step.latency, 90)), Table.ms(p99), Table.ms(Latency.maxMs(step.latency)),
                String.format(Locale.ROOT, "%.2f", ok / seconds),
                String.format(Locale.ROOT, "%.2f", ok * payload.megabytes() / seconds),
                cpuPct(cpu0, cpu1, "total", cpuSeconds), cpuPct(cpu0, cpu1, liberty, cpuSeconds),
                cpuPct(cpu0, cpu1, "launcher", cpuSeconds), cpuPct(cpu0, cpu1, "postgres", cpuSeconds),
                Table.ms(Latency.ms(step.late, 99)), check.contentType(), check.width(), check.height(),
                check.thumbnailBytes(), check.thumbnailSize(), check.ok() ? "ok" : "FAIL", passed ? "pass" : "FAIL");
        if (!step.statuses.isEmpty()) {
            Log.info("  refused by status: " + step.statuses);
        }
        if (Latency.ms(step.late, 99) > 10) {
            Log.info("  the generator itself ran late (p99 " + Table.ms(Latency.ms(step.late, 99))
                    + " ms behind schedule): its core may be the limit, not the server");
        }
        return passed;
    }

    /** CPU ticks so far: the whole stack, the launcher's own JVM (Kafka, the store: GridFS), and each service. */
    private Map<String, Long> cpu(Map<String, Long> pids) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("total", server.treeTicks(pids.get("launcher")));
        pids.forEach((name, pid) -> ticks.put(name, name.equals("launcher") ? ServerSide.ticks(pid) : server.treeTicks(pid)));
        return ticks;
    }

    private String cpuPct(Map<String, Long> before, Map<String, Long> after, String name, double seconds) {
        if (before == null || !before.containsKey(name) || !after.containsKey(name)) {
            return "";
        }
        return Table.pct(server.percentOfCore(after.get(name) - before.get(name), seconds));
    }

    /** Until every upload has answered or timed out (the client's own timeout ends each). */
    private static void awaitAll(List<CompletableFuture<?>> answers) {
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .orTimeout(BenchHttp.TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private static String rate(double rate) {
        return rate == Math.rint(rate) ? String.format(Locale.ROOT, "%.0f", rate) : String.format(Locale.ROOT, "%.2f", rate);
    }
}
