package dev.blau.chat.hooks.control;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries out outgoing webhook deliveries: every {@code chat.hooks.poll-seconds}, and at once
 * when a message made one, it claims what is due and POSTs it, signed, each on its own (a slow
 * or dead receiver holds up nobody: chat delivery never waits for it, other receivers neither).
 * 2xx: delivered. No answer, 408, 429 or 5xx: tried again after 1, 2, 4, … s (doubling, ±20 %,
 * at most 10 minutes apart) for {@code chat.hooks.retry-minutes} (60), then failed. Any other
 * answer is the receiver refusing this payload: failed at once. Failed deliveries wait for a
 * room manager's retry. A receiver may get a delivery twice (a server dying between its answer
 * and the record of it): {@code X-Blau-Delivery} names it, for the receiver to drop repeats.
 */
@ApplicationScoped
public class HookDeliveries {

    private static final Logger LOG = Logger.getLogger(HookDeliveries.class.getName());
    static final int BATCH = 20;
    static final int LEASE_SECONDS = 60;
    static final long MAX_DELAY_SECONDS = 600;
    static final int KEEP_DELIVERED_DAYS = 7;
    private static final String USER_AGENT = "BLAU-Webhooks/1";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Inject
    HookDeliveryLedger ledger;

    @Inject
    OutgoingHooks hooks;

    @Inject
    @ConfigProperty(name = "chat.hooks.poll-seconds", defaultValue = "2")
    long pollSeconds;

    @Inject
    @ConfigProperty(name = "chat.hooks.retry-minutes", defaultValue = "60")
    long retryMinutes;

    @Inject
    @ConfigProperty(name = "chat.hooks.timeout-seconds", defaultValue = "10")
    long timeoutSeconds;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private HttpClient http;
    private ScheduledFuture<?> task;
    private ScheduledFuture<?> housekeeping;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // never a redirect: a receiver could send the request on to an address the target check refused
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        task = scheduler.scheduleWithFixedDelay(this::runDue, pollSeconds, pollSeconds, TimeUnit.SECONDS);
        housekeeping = scheduler.scheduleWithFixedDelay(this::forgetOld, 10, 10, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
            housekeeping.cancel(false);
        }
    }

    /** Something became due: look now rather than at the next poll. */
    public void nudge() {
        executor.execute(this::runDue);
    }

    void runDue() {
        if (!running.compareAndSet(false, true)) {
            again.set(true); // the run under way looks once more before it ends
            return;
        }
        try {
            List<HookDeliveryLedger.Due> due;
            do {
                again.set(false);
                due = ledger.claim(BATCH, LEASE_SECONDS);
                due.forEach(this::send);
            } while (due.size() == BATCH || again.get());
        } catch (RuntimeException e) { // the database away: the next poll tries again
            LOG.log(Level.WARNING, "Webhook deliveries not claimed: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }

    private void send(HookDeliveryLedger.Due delivery) {
        URI target;
        try {
            target = hooks.targets().check(delivery.url());
        } catch (HookTargets.Refused e) {
            record(delivery, () -> ledger.failed(delivery.id(), null, "target refused: " + e.getMessage()));
            return;
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("X-Blau-Event", "message.sent")
                .header("X-Blau-Delivery", String.valueOf(delivery.id()))
                .header(HookSignatures.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(HookSignatures.SIGNATURE_HEADER, HookSignatures.sign(delivery.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenCompleteAsync((response, error) -> finish(delivery, response, error), executor);
    }

    private void finish(HookDeliveryLedger.Due delivery, HttpResponse<Void> response, Throwable error) {
        Integer status = response == null ? null : response.statusCode();
        if (error == null && status >= 200 && status < 300) {
            record(delivery, () -> ledger.delivered(delivery.id(), status));
            return;
        }
        String problem = error != null ? "no answer: " + (error.getCause() != null ? error.getCause() : error)
                : "the receiver answered " + status;
        boolean retryable = error != null || status == 408 || status == 429 || status >= 500;
        int attempt = delivery.attempts() + 1;
        Instant next = Instant.now().plus(delay(attempt));
        if (!retryable || next.isAfter(delivery.firstAttemptAt().plus(Duration.ofMinutes(retryMinutes)))) {
            String reason = retryable ? problem + " (gave up after " + attempt + " attempts)" : problem;
            record(delivery, () -> ledger.failed(delivery.id(), status, reason));
            LOG.info(() -> "Webhook delivery " + delivery.id() + " of hook " + delivery.hookId() + " failed: " + reason);
        } else {
            record(delivery, () -> ledger.dueAgain(delivery.id(), next, status, problem));
        }
    }

    /** 1, 2, 4, … seconds after the attempt, at most ten minutes, ±20 % so receivers coming back are not hit at once. */
    static Duration delay(int attempt) {
        long seconds = Math.min(MAX_DELAY_SECONDS, 1L << Math.min(attempt - 1, 20));
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(seconds * 1000 * jitter));
    }

    private static void record(HookDeliveryLedger.Due delivery, Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) { // the lease runs out and the delivery is made again
            LOG.log(Level.WARNING, "Outcome of webhook delivery " + delivery.id() + " not recorded", e);
        }
    }

    private void forgetOld() {
        try {
            for (int batch = 0; batch < 100 && ledger.forgetDelivered(KEEP_DELIVERED_DAYS) == 1000; batch++) {
                // a busy receiver's week of deliveries goes a thousand at a time, each its own transaction
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Old webhook deliveries not cleared: " + e.getMessage(), e);
        }
    }
}
