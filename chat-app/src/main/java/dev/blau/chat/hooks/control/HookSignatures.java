package dev.blau.chat.hooks.control;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook request proves who sent it, and when: {@code X-Blau-Timestamp} (Unix seconds)
 * and {@code X-Blau-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} under the
 * hook's secret. The timestamp is signed too, so a captured request cannot be made fresh
 * again; one older or newer than {@link #WINDOW} is refused. The same scheme signs what BLAU
 * sends to outgoing webhooks.
 */
public final class HookSignatures {

    public static final String SIGNATURE_HEADER = "X-Blau-Signature";
    public static final String TIMESTAMP_HEADER = "X-Blau-Timestamp";
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String PREFIX = "sha256=";

    private HookSignatures() {
    }

    /** Why a request was refused, for the 401 that says so. */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    public static void verify(String secret, String timestamp, String signature, byte[] body, Instant now) throws Refused {
        if (timestamp == null || signature == null) {
            throw new Refused("the request is not signed: " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + " are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new Refused(TIMESTAMP_HEADER + " must be Unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            throw new Refused(TIMESTAMP_HEADER + " is more than " + WINDOW.toMinutes() + " minutes away from now");
        }
        String given = signature.strip();
        byte[] claimed;
        try {
            claimed = given.startsWith(PREFIX) ? HexFormat.of().parseHex(given.substring(PREFIX.length())) : null;
        } catch (IllegalArgumentException e) {
            claimed = null;
        }
        if (claimed == null || !MessageDigest.isEqual(claimed, mac(secret, seconds, body))) {
            throw new Refused("the signature does not match the body and timestamp");
        }
    }

    private static byte[] mac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
