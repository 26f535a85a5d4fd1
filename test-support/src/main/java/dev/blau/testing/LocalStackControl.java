package dev.blau.testing;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * The control API of the local stack the build started: stops and starts one backing
 * service, keeping its data, so tests can prove what happens while it is gone.
 */
public final class LocalStackControl {

    private final Api control;

    public LocalStackControl(URI controlUrl) {
        this.control = new Api(controlUrl);
    }

    /** The stack of this build: the failsafe property {@code blau.stack.control.url}. */
    public static LocalStackControl ofThisBuild() {
        return new LocalStackControl(URI.create(System.getProperty("blau.stack.control.url", "http://127.0.0.1:19990")));
    }

    public void stop(String service) {
        expectOk(control.post("/services/" + service + "/stop", null), "stop " + service);
    }

    /** Ends a service at once (SIGKILL), as a crash would. */
    public void kill(String service) {
        expectOk(control.post("/services/" + service + "/kill", null), "kill " + service);
    }

    /** Returns once the service is ready again. */
    public void start(String service) {
        expectOk(control.post("/services/" + service + "/start", null), "start " + service);
    }

    public Api.Answer services() {
        return control.send(HttpRequest.newBuilder(control.base().resolve("/services")).GET());
    }

    private static void expectOk(Api.Answer answer, String what) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("local stack could not " + what + ": " + answer);
        }
    }
}
