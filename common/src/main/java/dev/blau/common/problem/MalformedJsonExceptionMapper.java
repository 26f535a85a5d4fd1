package dev.blau.common.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JSON-B's parse and mapping errors reach the application unwrapped on some paths: 400 too. */
@Provider
public class MalformedJsonExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException exception) {
        return UnreadableBodyExceptionMapper.malformedBody();
    }
}
