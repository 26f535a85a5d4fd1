package dev.blau.chat.tickets.control;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import redis.clients.jedis.JedisPooled;
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

    @Inject
    JedisPooled redis;

    /** A new ticket for the user; 256 random bits, so guessing one is hopeless. */
    public String issue(String userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redis.set(KEY_PREFIX + ticket, userId, SetParams.setParams().ex(VALID_SECONDS).nx());
        return ticket;
    }
}
