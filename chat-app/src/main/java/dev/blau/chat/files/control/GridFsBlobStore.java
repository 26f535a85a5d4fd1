package dev.blau.chat.files.control;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bson.BsonString;
import org.bson.Document;
import org.bson.types.Binary;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * Blobs in GridFS (bucket {@code files}), written by the driver's bucket so any GridFS tool
 * reads them. Reads and deletes go chunk by chunk, each addressed by its full unique key
 * {@code (files_id, n)}: the driver's own download asks for {@code n >= k} sorted, which a store
 * serving only exact keys (the local one) answers by scanning every chunk of every file.
 */
public class GridFsBlobStore implements BlobStore {

    static final String BUCKET = "files";
    /** The driver's default; small enough that a range read wastes little. */
    static final int CHUNK_SIZE = 255 * 1024;

    private final GridFSBucket bucket;
    private final MongoCollection<Document> files;
    private final MongoCollection<Document> chunks;

    public GridFsBlobStore(MongoDatabase database) {
        this.bucket = GridFSBuckets.create(database, BUCKET).withChunkSizeBytes(CHUNK_SIZE);
        this.files = database.getCollection(BUCKET + ".files");
        this.chunks = database.getCollection(BUCKET + ".chunks");
    }

    /** The chunks' unique key, which every read here uses (the driver makes it too, but only on an empty bucket). */
    public void ensureIndexes() {
        chunks.createIndex(Indexes.ascending("files_id", "n"), new IndexOptions().unique(true).name("files_id_1_n_1"));
    }

    @Override
    public void put(String key, Path source, String contentType) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            bucket.uploadFromStream(new BsonString(key), key, in,
                    new GridFSUploadOptions().metadata(new Document("contentType", contentType)));
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        Document file = files.find(eq("_id", key)).first();
        if (file == null) {
            throw new MissingBlobException(key);
        }
        int chunkSize = file.get("chunkSize", Number.class).intValue();
        long size = file.get("length", Number.class).longValue();
        return new ChunkStream(key, chunkSize, offset, length < 0 ? Math.max(0, size - offset) : Math.min(length, size - offset));
    }

    @Override
    public void delete(String key) {
        Document file = files.find(eq("_id", key)).first();
        if (file == null) {
            return;
        }
        long size = file.get("length", Number.class).longValue();
        int chunkSize = file.get("chunkSize", Number.class).intValue();
        // the file's entry goes last: until then a retry still knows how many chunks there are
        for (long n = 0; n * chunkSize < size; n++) {
            chunks.deleteOne(and(eq("files_id", key), eq("n", (int) n)));
        }
        files.deleteOne(eq("_id", key));
    }

    /** The blob's bytes in [offset, offset + length), one chunk read at a time. */
    private final class ChunkStream extends InputStream {

        private final String key;
        private final int chunkSize;
        private long position;
        private long remaining;
        private byte[] chunk;
        private int chunkOffset;

        ChunkStream(String key, int chunkSize, long offset, long length) {
            this.key = key;
            this.chunkSize = chunkSize;
            this.position = offset;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            if (chunk == null || chunkOffset >= chunk.length) {
                int n = (int) (position / chunkSize);
                Document found = chunks.find(and(eq("files_id", key), eq("n", n))).first();
                if (found == null) {
                    throw new IOException("chunk " + n + " of " + key + " is missing");
                }
                chunk = found.get("data", Binary.class).getData();
                chunkOffset = (int) (position % chunkSize);
                if (chunkOffset >= chunk.length) {
                    throw new IOException("chunk " + n + " of " + key + " is short");
                }
            }
            int count = (int) Math.min(Math.min(len, chunk.length - chunkOffset), remaining);
            System.arraycopy(chunk, chunkOffset, target, off, count);
            chunkOffset += count;
            position += count;
            remaining -= count;
            return count;
        }
    }
}
