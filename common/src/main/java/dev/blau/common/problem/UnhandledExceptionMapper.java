package dev.blau.common.problem;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Last resort: a 500 that tells the client nothing internal, with an id that finds the
 * stack trace in the server log.
 */
@Provider
public class UnhandledExceptionMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(UnhandledExceptionMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException exception) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unhandled error, incident " + incident, exception);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal",
                        "Something went wrong on our side (incident " + incident + ").")
                .toResponse().build();
    }
}
