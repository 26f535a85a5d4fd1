package dev.blau.common.problem;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Last resort: a 500 that tells the client nothing internal, with an id that finds the
 * stack trace in the server log — unless a backing service is only unreachable: then a 503
 * with {@code Retry-After}.
 */
@Provider
public class UnhandledExceptionMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(UnhandledExceptionMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException exception) {
        var outage = ServiceOutage.of(exception);
        if (outage.isPresent()) { // expected while a service restarts: one line, no incident
            LOG.warning(() -> "Answered 503: " + outage.get() + " unreachable (" + exception + ")");
            var answer = ServiceOutage.problem(outage.get()).toResponse();
            ServiceOutage.headers().forEach(answer::header);
            return answer.build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unhandled error, incident " + incident, exception);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal",
                        "Something went wrong on our side (incident " + incident + ").")
                .toResponse().build();
    }
}
