package dev.blau.chat.files.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upload on local disk while it is inspected and stored: the type and thumbnail need the
 * bytes more than once, and a stream that passes the limit is cut off there, never kept whole.
 * Closing removes the file and anything made beside it.
 */
final class UploadFile implements AutoCloseable {

    private final Path dir;
    private final Path path;
    private final long size;
    private final boolean tooLarge;

    private UploadFile(Path dir, Path path, long size, boolean tooLarge) {
        this.dir = dir;
        this.path = path;
        this.size = size;
        this.tooLarge = tooLarge;
    }

    /** Copies at most {@code maxBytes + 1} bytes: one more than allowed tells it is too large. */
    static UploadFile copy(InputStream content, long maxBytes) throws IOException {
        Path dir = Files.createTempDirectory("blau-upload");
        Path path = dir.resolve("content");
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while (copied <= maxBytes && (read = content.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - copied))) >= 0) {
                out.write(buffer, 0, read);
                copied += read;
            }
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
        return new UploadFile(dir, path, copied, copied > maxBytes);
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    boolean tooLarge() {
        return tooLarge;
    }

    /** A file beside the upload, removed with it. */
    Path sibling(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() throws IOException {
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
