package dev.blau.testing;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonString;

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

    /** Freezes a service's processes (SIGSTOP): it keeps its connections and answers nothing until {@link #resume}. */
    public void pause(String service) {
        expectOk(change(service, "pause"), "pause " + service);
    }

    public void resume(String service) {
        expectOk(change(service, "resume"), "resume " + service);
    }

    /** Returns once the service is ready again. */
    public void start(String service) {
        expectOk(change(service, "start"), "start " + service);
    }

    /** A cold backup of a service whose data is one file (the message store): stopped, copied, started. */
    public void backup(String service, Path file) {
        expectOk(fileAction(service, "backup", file), "back up " + service);
    }

    /** Puts a backup made by {@link #backup} back, the service stopped meanwhile. */
    public void restore(String service, Path file) {
        expectOk(fileAction(service, "restore", file), "restore " + service);
    }

    /** The connection settings the stack gives its servers (POSTGRES_HOSTNAME, POSTGRES_PORT, ...). */
    public Map<String, String> environment() {
        Api.Answer answer = services();
        expectOk(answer, "list its services");
        Map<String, String> env = new LinkedHashMap<>();
        answer.json().getJsonObject("env").forEach((name, value) -> env.put(name, ((JsonString) value).getString()));
        return env;
    }

    public Api.Answer services() {
        return control.send(HttpRequest.newBuilder(control.base().resolve("/services")).GET());
    }

    private Api.Answer change(String service, String verb) {
        return control.send(HttpRequest.newBuilder(control.base().resolve("/services/" + service + "/" + verb))
                .POST(HttpRequest.BodyPublishers.noBody()), SERVICE_CHANGE);
    }

    private Api.Answer fileAction(String service, String verb, Path file) {
        URI base = control.base();
        URI uri;
        try { // the multi-argument constructor quotes what a query must not hold as is
            uri = new URI(base.getScheme(), base.getAuthority(), "/services/" + service + "/" + verb,
                    "file=" + file.toAbsolutePath(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a file the control endpoint can name: " + file, e);
        }
        return control.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()), SERVICE_CHANGE);
    }

    private static void expectOk(Api.Answer answer, String what) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("local stack could not " + what + ": " + answer);
        }
    }
}
