package dev.blau.common.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (404 for an unknown path, 405, 406, 415, malformed bodies) as
 * problem+json, keeping the headers that matter to clients (Allow, WWW-Authenticate).
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        Response.StatusType status = original.getStatusInfo();
        String detail = status.getStatusCode() >= 500
                ? "The server could not handle the request."
                : describe(status.getStatusCode());
        Response.ResponseBuilder response = new Problem(
                java.net.URI.create(Problem.TYPE_BASE + "http-" + status.getStatusCode()),
                status.getReasonPhrase(), status.getStatusCode(), detail, null, null)
                .toResponse();
        for (String header : new String[] {HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER}) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                response.header(header, value);
            }
        }
        return response.build();
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "The request could not be read: check that the body is valid JSON of the documented shape.";
            case 401 -> "Authentication is required: send a valid bearer token.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "There is nothing here.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "No acceptable representation: ask for application/json.";
            case 413 -> "The request body is too large.";
            case 415 -> "Unsupported media type: send application/json.";
            default -> "The request failed.";
        };
    }
}
