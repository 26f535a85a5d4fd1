package dev.blau.common.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

/**
 * The error page of the servlet container (declared in this module's web fragment): what the
 * container refuses before JAX-RS sees the request — a path with an encoded {@code /} or
 * {@code \}, an unreadable URI — answers a problem like every other error, not an HTML page
 * that names the server's classes.
 */
@WebServlet(ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    static final String PATH = "/blau-container-error";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContainerErrorServlet.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                : (Object) HttpServletResponse.SC_NOT_FOUND; // asked for directly: not a resource of its own
        int status = code instanceof Integer given && given >= 400 ? given : 500;
        Problem problem;
        if (status >= 500) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Container error, incident " + incident,
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            problem = Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal",
                    "Something went wrong on our side (incident " + incident + ").");
        } else {
            Response.StatusType type = Response.Status.fromStatusCode(status);
            problem = Problem.of(type != null ? type : Response.Status.BAD_REQUEST, "http-" + status,
                    status == 400 ? "The request's address cannot be read (some encoded characters, such as '/' or '#', are refused in a path)."
                            : "The request was refused.");
        }
        byte[] body = JSON.toJson(problem).getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE); // JSON is UTF-8 by definition: no charset parameter
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
