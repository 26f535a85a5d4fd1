package dev.blau.common.problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import dev.blau.common.json.JsonProcessing;

/**
 * A JSON body is read through once before it is bound, and refused (400 {@code malformed-body})
 * unless it is complete JSON: the server's JSON-B, skipping a property no record has, loops
 * for ever on an object the body cuts off (<code>{"x":{"a":1</code>) — one such request would
 * hold a thread and a core. The body is at most 64 KiB ({@link RequestSizeLimitFilter} runs
 * first), so reading it twice costs microseconds.
 *
 * <p>A string holding U+0000 is refused as well ({@code validation}): PostgreSQL text cannot store
 * it, and no name, text or id a person writes holds one. The path and the query get the same
 * rule.
 */
@Provider
@Priority(Priorities.USER + 100)
public class JsonBodyCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (holdsNul(request.getUriInfo().getPathParameters()) || holdsNul(request.getUriInfo().getQueryParameters())) {
            request.abortWith(nulRefused("The path or the query holds the NUL character (U+0000)."));
            return;
        }
        MediaType type = request.getMediaType();
        if (!request.hasEntity() || type == null
                || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        switch (read(body)) {
            case INCOMPLETE -> request.abortWith(Problem.of(Response.Status.BAD_REQUEST, "malformed-body",
                    "The request body is not complete JSON.").toResponse().build());
            case HOLDS_NUL -> request.abortWith(nulRefused("A string in the body holds the NUL character (U+0000)."));
            case READABLE -> request.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    enum Verdict { READABLE, INCOMPLETE, HOLDS_NUL }

    static Verdict read(byte[] body) {
        boolean holdsNul = false;
        try (JsonParser parser = JsonProcessing.PROVIDER.createParser(new ByteArrayInputStream(body))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if ((event == JsonParser.Event.VALUE_STRING || event == JsonParser.Event.KEY_NAME)
                        && parser.getString().indexOf('\0') >= 0) {
                    holdsNul = true;
                }
            }
        } catch (RuntimeException unreadable) { // a parsing error, or the parser's own limits (nesting depth)
            return Verdict.INCOMPLETE;
        }
        return holdsNul ? Verdict.HOLDS_NUL : Verdict.READABLE;
    }

    private static boolean holdsNul(MultivaluedMap<String, String> parameters) {
        return parameters.values().stream().flatMap(List::stream).anyMatch(value -> value.indexOf('\0') >= 0);
    }

    private static Response nulRefused(String detail) {
        return Problem.of(Response.Status.BAD_REQUEST, "validation", detail).toResponse().build();
    }
}
