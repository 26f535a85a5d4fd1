package dev.blau.testing.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The server side as the operating system sees it: the local stack's processes (the launcher
 * and its descendants, from the stack's status endpoint), their CPU time from /proc, the
 * Liberty server's heap (jcmd, jstat), and the requests Keycloak served (its /metrics).
 */
final class ServerSide {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    // label values hold braces themselves (uri="/realms/{realm}/..."): the labels end at the last '}'
    private static final Pattern REQUESTS = Pattern.compile("^http_server_requests_seconds_count\\{(.*)}\\s+(\\S+)");
    private static final Pattern REQUEST_SECONDS = Pattern.compile("^http_server_requests_seconds_sum\\{(.*)}\\s+(\\S+)");
    private static final Pattern URI_LABEL = Pattern.compile("uri=\"([^\"]*)\"");

    private final URI status;
    private final URI keycloakMetrics;
    private final long clockTicks = clockTicksPerSecond();

    ServerSide(URI status, URI keycloakMetrics) {
        this.status = status;
        this.keycloakMetrics = keycloakMetrics;
    }

    /** The stack's launcher and every service with a process of its own: name → pid. */
    Map<String, Long> processes() {
        JsonObject doc = Frame.parse(get(status));
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("launcher", doc.getJsonObject("launcher").getJsonNumber("pid").longValue());
        for (JsonObject service : doc.getJsonArray("services").getValuesAs(JsonObject.class)) {
            JsonValue pid = service.get("pid");
            if (!service.getBoolean("inLauncher", false) && pid != null && pid.getValueType() == JsonValue.ValueType.NUMBER) {
                pids.put(service.getString("name"), service.getJsonNumber("pid").longValue());
            }
        }
        return pids;
    }

    /**
     * CPU time so far, in clock ticks, of a process and all its descendants: utime + stime
     * of each, plus cutime + cstime (children that ended and were waited for), so a delta
     * over a period is right even when processes come and go in it.
     */
    long treeTicks(long pid) {
        long total = ticks(pid);
        for (ProcessHandle p : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of())) {
            total += ticks(p.pid());
        }
        return total;
    }

    /** A process's own CPU time in ticks (utime + stime + cutime + cstime). */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command in parentheses may contain spaces: fields are counted after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after ')' the fields start at 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0; // ended meanwhile
        }
    }

    /** Per service (launcher: its own JVM only, i.e. Kafka and the MongoDB-wire store) and in all. */
    Map<String, Long> cpuTicks() {
        Map<String, Long> pids = processes();
        Map<String, Long> ticks = new LinkedHashMap<>();
        long launcher = pids.get("launcher");
        ticks.put("total", treeTicks(launcher));
        pids.forEach((name, pid) -> ticks.put(name, name.equals("launcher") ? ticks(pid) : treeTicks(pid)));
        return ticks;
    }

    double percentOfCore(long ticks, double seconds) {
        return 100.0 * ticks / clockTicks / seconds;
    }

    /** The Liberty server's JVM: the process (or descendant) of service {@code name} that runs Liberty's launcher jar. */
    long libertyJvm(String name) {
        long pid = Optional.ofNullable(processes().get(name))
                .orElseThrow(() -> new IllegalStateException("the stack reports no process for " + name));
        List<Long> candidates = new ArrayList<>();
        candidates.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> candidates.add(d.pid())));
        for (long candidate : candidates) {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(candidate), "cmdline"));
                if (cmdline.contains("ws-server.jar")) {
                    return candidate;
                }
            } catch (IOException ignored) {
                // ended meanwhile
            }
        }
        throw new IllegalStateException("no Liberty JVM among " + candidates);
    }

    /** Heap in use after full collections, in KB: {@code jcmd GC.run} twice, then jstat's S0U+S1U+EU+OU. */
    long heapUsedAfterGcKb(long pid) {
        run("jcmd", Long.toString(pid), "GC.run");
        run("jcmd", Long.toString(pid), "GC.run");
        String[] lines = run("jstat", "-gc", Long.toString(pid)).trim().split("\n");
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        double used = 0;
        for (int i = 0; i < names.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                used += Double.parseDouble(values[i]);
            }
        }
        return Math.round(used);
    }

    /** Keycloak's served HTTP requests so far, per URI template (its own /metrics and /health left out). */
    Map<String, Double> keycloakRequests() {
        return keycloakByUri(REQUESTS);
    }

    /** The seconds Keycloak spent serving them so far, per URI template (from its first byte in to its last out). */
    Map<String, Double> keycloakRequestSeconds() {
        return keycloakByUri(REQUEST_SECONDS);
    }

    private Map<String, Double> keycloakByUri(Pattern series) {
        Map<String, Double> byUri = new TreeMap<>();
        for (String line : get(keycloakMetrics).split("\n")) {
            Matcher m = series.matcher(line);
            if (!m.find()) {
                continue;
            }
            Matcher uri = URI_LABEL.matcher(m.group(1));
            String path = uri.find() ? uri.group(1) : "?";
            if (path.startsWith("/metrics") || path.startsWith("/health")) {
                continue;
            }
            byUri.merge(path, Double.parseDouble(m.group(2)), Double::sum);
        }
        return byUri;
    }

    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((k, v) -> {
            double diff = v - before.getOrDefault(k, 0.0);
            if (diff > 0) {
                d.put(k, diff);
            }
        });
        return d;
    }

    private static String get(URI uri) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + ": " + answer.statusCode() + " " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + ": " + e.getMessage()
                    + " (is the stack running? is Keycloak started with --metrics-enabled=true?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long clockTicksPerSecond() {
        try {
            return Long.parseLong(run("getconf", "CLK_TCK").trim());
        } catch (RuntimeException e) {
            return 100;
        }
    }
}
