package dev.blau.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;

/**
 * Chat traffic for fault tests: each sender socket sends one message to the room every
 * interval, with its own clientMsgIds, until stopped. What matters afterwards is what the
 * server answered: an ack (the message is stored and will reach every member) or an error
 * frame (nothing stored); a send left unanswered is a fault of its own.
 */
public final class SteadyTraffic implements AutoCloseable {

    private final String roomId;
    private final List<ChatSocket> senders;
    private final ScheduledExecutorService timer;
    private final AtomicLong sent = new AtomicLong();
    /** clientMsgId → the socket it was sent on, for every send that left this process. */
    private final Map<String, ChatSocket> sends = new ConcurrentHashMap<>();
    private final List<Throwable> sendFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    private SteadyTraffic(String roomId, List<ChatSocket> senders) {
        this.roomId = roomId;
        this.senders = senders;
        this.timer = Executors.newScheduledThreadPool(senders.size());
    }

    /**
     * Starts sending at once: every sender one message, then {@code interval} of rest — never a
     * burst to catch up after a stall (the per-user rate limit would refuse it, not the fault).
     */
    public static SteadyTraffic start(String roomId, Duration interval, ChatSocket... senders) {
        SteadyTraffic traffic = new SteadyTraffic(roomId, List.of(senders));
        for (int i = 0; i < senders.length; i++) {
            ChatSocket socket = senders[i];
            String prefix = "traffic-" + i + "-";
            traffic.timer.scheduleWithFixedDelay(() -> traffic.sendOne(socket, prefix), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return traffic;
    }

    private void sendOne(ChatSocket socket, String prefix) {
        String clientMsgId = prefix + sent.incrementAndGet();
        try {
            sends.put(clientMsgId, socket);
            socket.send(ChatSocket.frame("send_message", "roomId", roomId, "clientMsgId", clientMsgId, "text", clientMsgId));
        } catch (RuntimeException e) { // a socket the server closed: the test asks why
            sends.remove(clientMsgId);
            sendFailures.add(e);
            throw e; // ends this sender's schedule
        }
    }

    /** The acks so far: clientMsgId → seq. */
    public Map<String, Long> acks() {
        Map<String, Long> acks = new java.util.HashMap<>();
        for (ChatSocket socket : senders) {
            for (JsonObject frame : socket.frames()) {
                if ("ack".equals(frame.getString("type")) && sends.containsKey(frame.getString("clientMsgId"))) {
                    acks.put(frame.getString("clientMsgId"), frame.getJsonObject("message").getJsonNumber("seq").longValue());
                }
            }
        }
        return acks;
    }

    /** The sends refused with an error frame, in order of arrival. */
    public List<JsonObject> refusals() {
        List<JsonObject> refusals = new ArrayList<>();
        for (ChatSocket socket : senders) {
            for (JsonObject frame : socket.frames()) {
                if ("error".equals(frame.getString("type")) && sends.containsKey(frame.getString("ref", ""))) {
                    refusals.add(frame);
                }
            }
        }
        return refusals;
    }

    public Set<Long> ackedSeqs() {
        return Set.copyOf(acks().values());
    }

    /** Waits until {@code more} acks have come since {@code mark} acks (the count, as {@code acks().size()} gave it). */
    public void awaitAcks(int mark, int more, Duration atMost) {
        Awaitility.await("acks").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> acks().size() >= mark + more);
    }

    /** Waits until {@code count} sends have been answered since {@code mark} answers. */
    public void awaitAnswers(int mark, int count, Duration atMost) {
        Awaitility.await("answers").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> answered() >= mark + count);
    }

    /** Acks plus refusals. */
    public int answered() {
        return acks().size() + refusals().size();
    }

    public long sent() {
        return sends.size();
    }

    /** Sends that could not even be written (the socket was closed). */
    public List<Throwable> sendFailures() {
        return List.copyOf(sendFailures);
    }

    /** Stops sending and waits until every send is answered. */
    public void stop() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a send did not return");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Awaitility.await("every send answered").atMost(ChatSocket.WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> answered() >= sends.size());
    }

    /** The sends nobody answered (for a failure message). */
    public Set<String> unanswered() {
        Set<String> answered = acks().keySet().stream().collect(Collectors.toCollection(java.util.HashSet::new));
        refusals().forEach(r -> answered.add(r.getString("ref")));
        return sends.keySet().stream().filter(id -> !answered.contains(id)).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
