package dev.blau.stack;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The commands' side of the {@link ControlServer}: asks a stack running in the background. */
final class ControlClient {

    private final String url;

    ControlClient(StackConfig config) {
        this.url = config.controlUrl();
    }

    String url() {
        return url;
    }

    /** The status document of GET /services; empty when no stack answers. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> status() {
        try {
            HttpResponse<String> response = Http.get(url + "/services", Duration.ofSeconds(5));
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of((Map<String, Object>) Json.parse(response.body()));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** Asks the stack to stop; true when it took the request. */
    boolean shutdown() {
        try {
            return Http.post(url + "/shutdown", Duration.ofSeconds(5)).statusCode() == 202;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts one more service in the running stack; answers once it is ready. */
    HttpResponse<String> start(String service) throws IOException {
        return Http.post(url + "/services/" + service + "/start", Duration.ofMinutes(5));
    }
}
