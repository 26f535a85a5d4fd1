package dev.blau.common.problem;

import java.util.Map;

/**
 * Thrown by services for a failure the client should see as a problem+json answer,
 * optionally with headers such as {@code Retry-After}.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of(), null);
    }

    public ProblemException(Problem problem, Map<String, String> headers, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
