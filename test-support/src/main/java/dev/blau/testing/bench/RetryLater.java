package dev.blau.testing.bench;

import dev.blau.testing.Api;

/**
 * The server asked to be asked again later ({@code 503} or {@code 429} with {@code Retry-After}),
 * e.g. auth-app's breaker pausing sign-in and registration while Keycloak is overwhelmed by the
 * setup itself: the setup waits as told instead of spending its attempts.
 */
final class RetryLater extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long seconds;

    private RetryLater(String message, long seconds) {
        super(message);
        this.seconds = seconds;
    }

    long seconds() {
        return seconds;
    }

    /** The failure to throw for an unexpected answer: {@link RetryLater} when the server said when to come back. */
    static RuntimeException failure(String what, Api.Answer answer) {
        String retryAfter = answer.header("Retry-After");
        if ((answer.status() == 503 || answer.status() == 429) && retryAfter != null && retryAfter.matches("\\d{1,4}")) {
            return new RetryLater(what + ": " + answer.status() + ", again in " + retryAfter + " s", Long.parseLong(retryAfter));
        }
        return new IllegalStateException(what + ": " + answer);
    }
}
