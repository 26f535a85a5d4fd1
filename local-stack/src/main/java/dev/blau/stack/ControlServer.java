package dev.blau.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The stack's control endpoint on 127.0.0.1, used by {@code start --detach}, {@code stop}, {@code status}
 * and by integration tests that stop and restart one dependency:
 * GET /services, POST /services/{name}/stop|kill|start, POST /shutdown; and the message store's cold
 * backup and restore, POST /services/mongodb/backup|restore?file=/absolute/path (loopback only, as all of it).
 */
public final class ControlServer {

    private final HttpServer server;

    private ControlServer(HttpServer server) {
        this.server = server;
    }

    public static ControlServer start(int port, Stack stack, Supplier<Map<String, Object>> status, Runnable shutdown)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        // a start request blocks until the service is ready: GET /services must still answer meanwhile
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stack-control");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/services", exchange -> {
            try (exchange) {
                handleServices(exchange, stack, status);
            }
        });
        server.createContext("/shutdown", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    respond(exchange, 405, error("use POST"));
                    return;
                }
                respond(exchange, 202, Map.of("shutdown", true));
            }
            shutdown.run();
        });
        server.start();
        return new ControlServer(server);
    }

    private static final Set<String> ACTIONS = Set.of("stop", "kill", "start", "pause", "resume", "backup", "restore");

    private static void handleServices(HttpExchange exchange, Stack stack, Supplier<Map<String, Object>> status)
            throws IOException {
        String[] parts = exchange.getRequestURI().getPath().replaceAll("/+$", "").split("/");
        // "", "services"[, name, action]
        String method = exchange.getRequestMethod();
        if (parts.length == 2 && method.equals("GET")) {
            respond(exchange, 200, status.get());
            return;
        }
        if (parts.length != 4 || !method.equals("POST") || !ACTIONS.contains(parts[3])) {
            respond(exchange, 404, error("try GET /services, POST /services/{name}/stop|kill|start|pause|resume, "
                    + "POST /services/mongodb/backup|restore?file=/absolute/path"));
            return;
        }
        String name = parts[2];
        if (!stack.knows(name)) {
            respond(exchange, 404, error("no service named " + name));
            return;
        }
        try {
            switch (parts[3]) {
                case "stop" -> stack.stop(name);
                case "kill" -> stack.kill(name);
                case "start" -> stack.start(name);
                case "pause" -> stack.pause(name);
                case "resume" -> stack.resume(name);
                default -> {
                    Path file = fileParameter(exchange);
                    if (file == null) {
                        respond(exchange, 400, error("give the backup file as ?file=/absolute/path"));
                        return;
                    }
                    if (parts[3].equals("backup")) {
                        stack.backup(name, file);
                    } else {
                        stack.restore(name, file);
                    }
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("state", stack.statuses().stream().filter(s -> s.name().equals(name))
                    .findFirst().map(s -> s.state().label()).orElse("unknown"));
            respond(exchange, 200, body);
        } catch (IllegalArgumentException | NoSuchFileException e) {
            respond(exchange, 400, error(e.getMessage()));
        } catch (Stack.StartFailure | IOException | RuntimeException e) {
            respond(exchange, 500, error(e.getMessage()));
        }
    }

    /** {@code ?file=} as an absolute path; null when missing or relative (the launcher's directory is no one's guess). */
    private static Path fileParameter(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("file=")) {
                Path file = Path.of(pair.substring("file=".length()));
                return file.isAbsolute() ? file.normalize() : null;
            }
        }
        return null;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message == null ? "unknown error" : message);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public void stop() {
        server.stop(0);
    }
}
