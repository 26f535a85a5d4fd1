package dev.blau.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few HTTP calls the launcher makes: readiness probes and the control endpoint. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {
    }

    /** HTTP status of a GET, or -1 when nothing answers. */
    public static int status(String url) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).GET(), Duration.ofSeconds(5)).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    public static HttpResponse<String> get(String url, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), timeout);
    }

    public static HttpResponse<String> post(String url, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), timeout);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) throws IOException {
        try {
            return CLIENT.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
