package dev.blau.stack;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a status document (as served by GET /services) for people. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String format(Map<String, Object> doc) {
        StringBuilder out = new StringBuilder();
        String row = "%-30s %-9s %-24s %-9s %8s %9s%n";
        out.append(String.format(Locale.ROOT, row, "service", "state", "address", "pid", "start", "RSS"));
        boolean anyInLauncher = false;
        for (Object o : list(doc.get("services"))) {
            Map<?, ?> s = (Map<?, ?>) o;
            boolean inLauncher = Boolean.TRUE.equals(s.get("inLauncher"));
            anyInLauncher |= inLauncher;
            Object pid = s.get("pid");
            out.append(String.format(Locale.ROOT, row,
                    s.get("displayName"), s.get("state"), s.get("address"),
                    pid == null ? "—" : (inLauncher ? "launcher" : pid.toString()),
                    seconds(s.get("startMillis")),
                    inLauncher ? "(launcher)" : megabytes(s.get("rssKb"))));
        }
        if (doc.get("launcher") instanceof Map<?, ?> launcher) {
            out.append(String.format(Locale.ROOT, row, "launcher JVM" + (anyInLauncher ? " (Kafka, MongoDB)" : ""),
                    "", "", String.valueOf(launcher.get("pid")), "", megabytes(launcher.get("rssKb"))));
        }
        return out.toString();
    }

    public static void printEnvironment(Map<String, Object> doc, PrintStream out) {
        if (doc.get("env") instanceof Map<?, ?> env) {
            out.println("Environment given to the Liberty servers:");
            env.forEach((k, v) -> out.println("  " + k + "=" + v));
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    static String seconds(Object millis) {
        return millis instanceof Number n ? String.format(Locale.ROOT, "%.1f s", n.longValue() / 1000.0) : "—";
    }

    static String megabytes(Object kb) {
        return kb instanceof Number n ? (n.longValue() / 1024) + " MB" : "—";
    }
}
