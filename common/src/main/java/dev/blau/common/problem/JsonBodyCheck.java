package dev.blau.common.problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.annotation.Priority;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import dev.blau.common.json.JsonProcessing;

/**
 * A JSON body is read through once before it is bound, and refused (400 {@code malformed-body})
 * unless it is complete JSON: the server's JSON-B, skipping a property no record has, loops
 * for ever on an object the body cuts off (<code>{"x":{"a":1</code>) — one such request would
 * hold a thread and a core. The body is at most 64 KiB ({@link RequestSizeLimitFilter} runs
 * first), so reading it twice costs microseconds.
 */
@Provider
@Priority(Priorities.USER + 100)
public class JsonBodyCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        MediaType type = request.getMediaType();
        if (!request.hasEntity() || type == null
                || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        if (!isCompleteJson(body)) {
            request.abortWith(Problem.of(Response.Status.BAD_REQUEST, "malformed-body",
                    "The request body is not complete JSON.").toResponse().build());
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    static boolean isCompleteJson(byte[] body) {
        try (JsonParser parser = JsonProcessing.PROVIDER.createParser(new ByteArrayInputStream(body))) {
            while (parser.hasNext()) {
                parser.next();
            }
            return true;
        } catch (RuntimeException unreadable) { // a parsing error, or the parser's own limits (nesting depth)
            return false;
        }
    }
}
