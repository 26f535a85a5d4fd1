package dev.blau.chat.messages.control;

import jakarta.ws.rs.core.Response;

import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;
import dev.blau.common.problem.RetryAfter;

/** The message store cannot be reached: nothing was stored, the client may retry. */
public class StoreUnavailableException extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** @param reason for the log: what failed */
    public StoreUnavailableException(String reason, Throwable cause) {
        super(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "store-unavailable",
                "Messages cannot be stored or read right now; nothing was stored. Try again shortly."),
                RetryAfter.seconds(5), cause == null ? new IllegalStateException(reason) : cause);
    }
}
