package dev.blau.testing.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The load generator's progress lines (stderr, time-stamped); results go to stdout and the CSV. */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {
    }

    static void info(String line) {
        System.err.println(LocalTime.now().format(TIME) + " " + line);
    }
}
