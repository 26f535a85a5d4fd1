package dev.blau.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The control API of the local stack the build started: stops and starts one backing
 * service, keeping its data, so tests can prove what happens while it is gone.
 */
public final class LocalStackControl {

    /** A start blocks until the service is ready: a Liberty server on a busy machine takes minutes. */
    private static final Duration SERVICE_CHANGE = Duration.ofMinutes(5);

    private final Api control;

    public LocalStackControl(URI controlUrl) {
        this.control = new Api(controlUrl);
    }

    /** The stack of this build: the failsafe property {@code blau.stack.control.url}. */
    public static LocalStackControl ofThisBuild() {
        return new LocalStackControl(URI.create(System.getProperty("blau.stack.control.url", "http://127.0.0.1:19990")));
    }

    public void stop(String service) {
        expectOk(change(service, "stop"), "stop " + service);
    }

    /** Ends a service at once (SIGKILL), as a crash would. */
    public void kill(String service) {
        expectOk(change(service, "kill"), "kill " + service);
    }

    /** Returns once the service is ready again. */
    public void start(String service) {
        expectOk(change(service, "start"), "start " + service);
    }

    public Api.Answer services() {
        return control.send(HttpRequest.newBuilder(control.base().resolve("/services")).GET());
    }

    private Api.Answer change(String service, String verb) {
        return control.send(HttpRequest.newBuilder(control.base().resolve("/services/" + service + "/" + verb))
                .POST(HttpRequest.BodyPublishers.noBody()), SERVICE_CHANGE);
    }

    private static void expectOk(Api.Answer answer, String what) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("local stack could not " + what + ": " + answer);
        }
    }
}
