package dev.blau.common.problem;

import java.util.Map;

/**
 * The {@code Retry-After} header (RFC 9110: a delay in whole seconds) that every {@code 429}
 * and {@code 503} problem carries, so a client knows when trying again makes sense.
 */
public final class RetryAfter {

    public static final String HEADER = "Retry-After";

    private RetryAfter() {
    }

    /** The header for a {@link ProblemException}: try again in {@code seconds}. */
    public static Map<String, String> seconds(long seconds) {
        return Map.of(HEADER, Long.toString(seconds));
    }
}
