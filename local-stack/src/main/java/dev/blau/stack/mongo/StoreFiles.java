package dev.blau.stack.mongo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The local store's file. A data dir from before {@link BsonH2Backend} holds {@code blau.mv}
 * written with H2's default types; it is copied once, map by map, into {@code store.mv} and
 * kept beside it as {@code blau.mv.before-bson} (delete it once the stack works).
 */
public final class StoreFiles {

    static final String FILE = "store.mv";
    static final String EARLIER_FILE = "blau.mv";
    static final String KEPT_SUFFIX = ".before-bson";
    /**
     * The store moves and rewrites its file's chunks while less than this share of the file, or
     * of its chunks, is in use. H2's default, 90, kept a store of 1,000,000 messages (its 4.8 GB
     * file 69 % chunks, those 42 % live, after other runs' deletes) rewriting chunks in bursts of
     * 300-400 ms of CPU while nothing was written (the search benchmark's searches waited behind
     * them on a shared core); at 50 the file may hold about as much dead space as live data, and
     * each rewrite reclaims more for what it copies.
     */
    static final int COMPACT_BELOW_PERCENT_LIVE = 50;
    /** Pages kept in memory: H2's default is 16 MB, a small share of a store of 1,000,000 messages. */
    static final int CACHE_MEGABYTES = 64;
    /** Entries copied between commits, so a large store is copied in bounded memory. */
    private static final int ENTRIES_PER_COMMIT = 10_000;

    private StoreFiles() {
    }

    /** The store's file in {@code dir}: everything the store holds (its documents and indexes). */
    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** Opens the store in {@code dir}, first copying an earlier file into it if there is one. */
    public static BsonH2Backend open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Path earlier = dir.resolve(EARLIER_FILE);
        if (!Files.exists(file) && Files.exists(earlier)) {
            Path partial = dir.resolve(FILE + ".partial");
            Files.deleteIfExists(partial);
            copyInto(earlier, partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            Files.move(earlier, dir.resolve(EARLIER_FILE + KEPT_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
        }
        return new BsonH2Backend(new MVStore.Builder().fileName(file.toString())
                .autoCompactFillRate(COMPACT_BELOW_PERCENT_LIVE).cacheSize(CACHE_MEGABYTES).open());
    }

    static void copyInto(Path from, Path to) {
        long copied = 0;
        MVStore source = new MVStore.Builder().fileName(from.toString()).readOnly().open();
        MVStore target = MVStore.open(to.toString());
        try {
            for (String name : source.getMapNames()) {
                MVMap<Object, Object> in = source.openMap(name);
                MVMap<Object, Object> out = BsonMaps.open(target, name);
                boolean documents = BsonMaps.holdsDocuments(name);
                for (Map.Entry<Object, Object> entry : in.entrySet()) {
                    Object value = entry.getValue();
                    out.put(entry.getKey(), documents ? EncodedDocuments.encode((Document) value) : value);
                    if (++copied % ENTRIES_PER_COMMIT == 0) {
                        target.commit();
                    }
                }
            }
            target.commit();
        } finally {
            target.close();
            source.close();
        }
    }
}
