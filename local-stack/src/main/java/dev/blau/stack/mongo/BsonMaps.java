package dev.blau.stack.mongo;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;

/**
 * Which of the store's maps hold BSON: documents by id (their values {@link EncodedDocuments}),
 * and index keys with their document's id.
 */
final class BsonMaps {

    private static final String DOCUMENTS_PREFIX = "databases.";
    private static final String INDEX_INFIX = "._index_";

    private BsonMaps() {
    }

    static boolean holdsBson(String mapName) {
        return holdsDocuments(mapName) || mapName.contains(INDEX_INFIX);
    }

    static boolean holdsDocuments(String mapName) {
        return mapName.startsWith(DOCUMENTS_PREFIX);
    }

    /** Opens a map with the types it was written with: BSON where {@link #holdsBson}, else H2's default. */
    static <K, V> MVMap<K, V> open(MVStore store, String mapName) {
        if (!holdsBson(mapName)) {
            return store.openMap(mapName);
        }
        DataType<?> values = holdsDocuments(mapName) ? EncodedDocuments.INSTANCE : BsonDataType.INSTANCE;
        @SuppressWarnings("unchecked")
        MVMap<K, V> map = (MVMap<K, V>) store.openMap(mapName, new MVMap.Builder<Object, Object>()
                .keyType(BsonDataType.INSTANCE)
                .valueType((DataType<Object>) values));
        return map;
    }
}
