package dev.blau.common.problem;

import java.net.URI;
import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;

/**
 * The one error body of BLAU: RFC 9457 problem details, with per-field errors for
 * validation failures. Absent members are left out of the JSON.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(URI type, String title, int status, String detail, URI instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Base of the {@code type} URIs; each names a kind of problem documented in docs/api.md. */
    public static final String TYPE_BASE = "https://blau.dev/problems/";

    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static Problem of(Response.StatusType status, String kind, String detail) {
        return new Problem(URI.create(TYPE_BASE + kind), status.getReasonPhrase(),
                status.getStatusCode(), detail, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
