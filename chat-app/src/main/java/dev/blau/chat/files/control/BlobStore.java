package dev.blau.chat.files.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of files are kept, by key: MongoDB GridFS by default, an S3-compatible store
 * when configured ({@code chat.files.store=s3}). Keys are never reused: a key is written once,
 * read any number of times and deleted once.
 */
public interface BlobStore {

    /** Stores the file's bytes under {@code key}, returning once they are durable. */
    void put(String key, Path source, String contentType) throws IOException;

    /**
     * {@code length} bytes from {@code offset} ({@code offset + length} within the blob's size),
     * or with {@code length} -1 everything from {@code offset}. {@link MissingBlobException} when absent.
     */
    InputStream open(String key, long offset, long length) throws IOException;

    /** Removes the blob; a missing one is already removed. */
    void delete(String key) throws IOException;
}
