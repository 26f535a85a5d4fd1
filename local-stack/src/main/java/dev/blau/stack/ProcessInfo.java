package dev.blau.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Resident memory of processes, read from /proc (Linux). */
public final class ProcessInfo {

    private ProcessInfo() {
    }

    public static OptionalLong rssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(ProcessInfo::parseVmRss)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** RSS of a process and all its descendants (e.g. kc.sh and its JVM, postmaster and its backends). */
    public static OptionalLong treeRssKb(long pid) {
        OptionalLong own = rssKb(pid);
        if (own.isEmpty()) {
            return own;
        }
        long total = own.getAsLong() + ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .mapToLong(p -> rssKb(p.pid()).orElse(0))
                .sum();
        return OptionalLong.of(total);
    }

    static long parseVmRss(String line) {
        // "VmRSS:\t  123456 kB"
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    public static String formatKb(OptionalLong kb) {
        return kb.isPresent() ? String.format(java.util.Locale.ROOT, "%d MB", kb.getAsLong() / 1024) : "—";
    }
}
