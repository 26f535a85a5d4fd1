package dev.blau.common.problem;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or not of the expected shape, is the client's mistake: 400. */
@Provider
public class UnreadableBodyExceptionMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        return malformedBody();
    }

    /** The one answer to a body that cannot be read, whichever layer noticed. */
    static Response malformedBody() {
        return Problem.of(Response.Status.BAD_REQUEST, "malformed-body",
                        "The request body could not be read as JSON of the documented shape.")
                .toResponse().build();
    }
}
