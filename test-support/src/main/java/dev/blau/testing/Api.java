package dev.blau.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/**
 * A plain JDK HTTP client for black-box tests of a running server: requests by path,
 * answers with status, headers and the body parsed as JSON when it is JSON.
 */
public final class Api {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(URI base) {
        this.base = base;
    }

    /** The server under test: the failsafe property {@code blau.base.url}, set by each module's pom. */
    public static Api underTest() {
        return new Api(URI.create(System.getProperty("blau.base.url", "http://localhost:9080")));
    }

    public URI base() {
        return base;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request with a bearer token (none when {@code token} is null). */
    public Answer send(String method, String path, String token, String json) {
        return sendAuthorized(method, path, token == null ? null : "Bearer " + token, json);
    }

    /** A request with that {@code Authorization} header (none when null). */
    public Answer sendAuthorized(String method, String path, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    public Answer send(HttpRequest.Builder request) {
        return send(request, TIMEOUT);
    }

    /** A request that may legitimately take longer than the usual 30 s (a service start, say). */
    public Answer send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response; {@link #json()} parses the body. */
    public record Answer(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                JsonStructure structure = reader.read();
                return structure.asJsonObject();
            }
        }

        public JsonArray jsonArray() {
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readArray();
            }
        }

        @Override
        public String toString() {
            return status() + " " + body();
        }
    }
}
