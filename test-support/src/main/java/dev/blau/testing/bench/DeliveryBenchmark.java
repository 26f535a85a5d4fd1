package dev.blau.testing.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import jakarta.json.Json;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;

/**
 * Live delivery through a running BLAU: {@code clients} WebSocket clients in {@code rooms}
 * rooms, each sending {@code rate} messages a second into its room; every delivery to every
 * member is timed from send to receipt (one JVM, one clock). Prints delivered messages per
 * second and the latency percentiles after a warm-up.
 *
 * <pre>java -cp ... dev.blau.testing.bench.DeliveryBenchmark [baseUrl] [clients] [rooms] [rate] [seconds]</pre>
 */
public final class DeliveryBenchmark {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:9080");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rooms = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int warmupSeconds = 10;
        Chat chat = new Chat(new Api(base));

        System.out.printf("setting up %d users in %d rooms on %s%n", clients, rooms, base);
        List<ChatUser> users = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            users.add(chat.newUser("bench"));
        }
        List<String> roomIds = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            roomIds.add(chat.createRoom(users.get(r), "public"));
        }
        Recorder latency = new Recorder(3);
        LongAdder delivered = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean(false);
        List<ChatSocket> sockets = new ArrayList<>();
        List<String> roomOf = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String room = roomIds.get(i % rooms);
            ChatUser user = users.get(i);
            chat.join(user, room);
            ChatSocket socket = chat.connect(user);
            socket.join(room, null);
            socket.onFrame(frame -> {
                if ("message_received".equals(frame.getString("type"))) {
                    String text = frame.getJsonObject("message").getString("text");
                    long sentAt = Long.parseLong(text.substring(text.indexOf(':') + 1));
                    if (measuring.get()) {
                        latency.recordValue(Math.max(0, System.nanoTime() - sentAt) / 1_000);
                        delivered.increment();
                    }
                }
            });
            sockets.add(socket);
            roomOf.add(room);
        }
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(8);
        long periodMicros = (long) (1_000_000 / rate);
        for (int i = 0; i < clients; i++) {
            ChatSocket socket = sockets.get(i);
            String room = roomOf.get(i);
            senders.scheduleAtFixedRate(() -> socket.send(Json.createObjectBuilder()
                            .add("type", "send_message").add("roomId", room)
                            .add("clientMsgId", UUID.randomUUID().toString())
                            .add("text", "t:" + System.nanoTime()).build()),
                    (long) (Math.random() * periodMicros), periodMicros, TimeUnit.MICROSECONDS);
        }
        System.out.printf("sending %.1f msg/s per client (%.0f msg/s in all, %d receivers per room); warm-up %d s%n",
                rate, rate * clients, clients / rooms, warmupSeconds);
        Thread.sleep(Duration.ofSeconds(warmupSeconds).toMillis()); // a benchmark's clock, not a test's wait
        latency.reset();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        senders.shutdownNow();
        Histogram h = latency.getIntervalHistogram();
        System.out.printf(Locale.ROOT, "delivered %d messages in %.1f s: %.0f msg/s%n", delivered.sum(), elapsed,
                delivered.sum() / elapsed);
        System.out.printf(Locale.ROOT, "delivery latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
        long errors = sockets.stream().mapToLong(s -> s.frames().stream()
                .filter(f -> "error".equals(f.getString("type"))).count()).sum();
        System.out.println("error frames: " + errors);
        sockets.forEach(ChatSocket::close);
        System.exit(0);
    }

    private DeliveryBenchmark() {
    }
}
