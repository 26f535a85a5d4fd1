package dev.blau.testing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;

/**
 * The load generator's one JDK HTTP client, shared by every REST call and every WebSocket:
 * a few threads run all their callbacks, whatever the number of sockets (the JDK client
 * multiplexes sockets on one selector thread). HTTP/1.1 only, as browsers talk to BLAU.
 */
final class BenchHttp implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final boolean batch;
    private final ExecutorService executor;
    private final HttpClient client;

    BenchHttp(URI base, int threads, boolean batch) {
        this.base = base;
        this.batch = batch;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
    }

    URI base() {
        return base;
    }

    /** The socket URL for a ticket; with batches on, the server may combine frames ({@code batch=1}). */
    URI socketUri(String ticket) {
        return Chat.socketUri(base, ticket, batch);
    }

    HttpClient client() {
        return client;
    }

    HttpRequest request(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    /** A blocking call (setup threads only, never a callback thread). */
    Api.Answer send(String method, String path, String token, String json) {
        try {
            return new Api.Answer(client.send(request(method, path, token, json), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Api.Answer> sendAsync(String method, String path, String token, String json) {
        return client.sendAsync(request(method, path, token, json), HttpResponse.BodyHandlers.ofString())
                .thenApply(Api.Answer::new);
    }

    /** A multipart/form-data {@code POST} whose body is already framed with {@code boundary}. */
    CompletableFuture<Api.Answer> upload(String path, String token, String boundary, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Api.Answer::new);
    }

    /** A {@code GET}'s body as bytes, null unless 200 (blocking: setup and checks only). */
    byte[] bytes(String path, String token) {
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
