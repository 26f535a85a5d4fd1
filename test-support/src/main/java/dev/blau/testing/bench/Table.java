package dev.blau.testing.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Results as they come: a row at a time to stdout as an aligned table, and to a CSV file. */
final class Table implements AutoCloseable {

    private final List<String> columns;
    private final int[] widths;
    private final PrintStream out = System.out;
    private final Writer csv;
    private final Path file;

    Table(Path file, String... columns) {
        this.file = file;
        this.columns = List.of(columns);
        this.widths = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            widths[i] = Math.max(11, columns[i].length());
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            csv.write(String.join(",", columns) + "\n");
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(line(columns));
    }

    /** One row; numbers are written as given (format them with {@link #ms} and friends). */
    void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = String.valueOf(values[i]);
        }
        out.println(line(cells));
        try {
            csv.write(String.join(",", cells) + "\n");
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line(String... cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append(String.format(Locale.ROOT, i == 0 ? "%-" + widths[i] + "s" : " %" + widths[i] + "s", cells[i]));
        }
        return b.toString();
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    static String pct(double percent) {
        return String.format(Locale.ROOT, "%.2f", percent);
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Log.info("results written to " + file);
    }
}
