package dev.blau.chat.tickets.control;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

import dev.blau.chat.callers.Caller;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Single-use tickets for the WebSocket handshake, so no long-lived token ever travels in a
 * URL: bought with a bearer token over REST, kept in Redis for seconds, redeemed once by any
 * chat server.
 */
@ApplicationScoped
public class WsTickets {

    public static final int VALID_SECONDS = 30;
    private static final String KEY_PREFIX = "blau:ws-ticket:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    UnifiedJedis redis;

    // each refusal closes a socket 1008 ("invalid or expired ticket"); read by the alerts in deploy/prometheus/alerts
    @Inject
    @Metric(name = "chat_ws_tickets_refused_total", description = "WebSocket handshakes refused for an unknown, spent or expired ticket")
    Counter refused;

    /** What a ticket admits: the caller, authorized until the expiry of the token that bought it. */
    public record Admission(Caller caller, Instant authorizedUntil) {
    }

    /** A new ticket for the caller; 256 random bits, so guessing one is hopeless. */
    public String issue(Caller caller, Instant authorizedUntil) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redis.set(KEY_PREFIX + ticket, JSON.toJson(new Admission(caller, authorizedUntil)), SetParams.setParams().ex(VALID_SECONDS).nx());
        return ticket;
    }

    /** Whom the ticket admits, until when; the ticket is gone afterwards, whatever the answer. */
    public Optional<Admission> redeem(String ticket) {
        if (ticket == null || ticket.length() > 100) {
            refused.inc();
            return Optional.empty();
        }
        String admission = redis.getDel(KEY_PREFIX + ticket);
        if (admission == null) {
            refused.inc();
            return Optional.empty();
        }
        return Optional.of(JSON.fromJson(admission, Admission.class));
    }
}
