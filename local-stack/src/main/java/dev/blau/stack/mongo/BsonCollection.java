package dev.blau.stack.mongo;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A collection as mongo-java-server's {@code H2Collection}, with its documents held as
 * {@link EncodedDocuments}: encoded once when stored, decoded when read (a fresh copy each time,
 * so nothing the server does to a result reaches the store). The collection's data size is
 * counted from those bytes, not by encoding each document once more as the library does.
 */
final class BsonCollection extends AbstractSynchronizedMongoCollection<Object> {

    private static final String DATA_SIZE_KEY = "dataSize";

    private final MVMap<Object, byte[]> documents;
    private final MVMap<String, Object> meta;

    BsonCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                   MVMap<Object, byte[]> documents, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
        this.documents = documents;
        this.meta = meta;
        meta.putIfAbsent(DATA_SIZE_KEY, 0L);
    }

    @Override
    protected boolean tracksDataSize() {
        return false; // counted here, from the stored bytes
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        synchronized (meta) {
            meta.put(DATA_SIZE_KEY, ((Number) meta.get(DATA_SIZE_KEY)).longValue() + sizeDelta);
        }
    }

    @Override
    protected int getDataSize() {
        return ((Number) meta.get(DATA_SIZE_KEY)).intValue();
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        byte[] bson = EncodedDocuments.encode(document);
        if (documents.putIfAbsent(Missing.ofNullable(key), bson) != null) {
            throw new IllegalStateException("Document with key '" + key + "' already existed in " + this);
        }
        updateDataSize(bson.length);
        return key;
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] bson = documents.get(position);
        return bson == null ? null : EncodedDocuments.decode(bson);
    }

    @Override
    protected void removeDocument(Object position) {
        byte[] removed = documents.remove(position);
        if (removed == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
        updateDataSize(-removed.length);
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(EncodedDocuments.decode(entry.getValue()), entry.getKey()));
    }

    /**
     * As the library, which reads through an index only when the query is exactly that index's
     * keys, plus the case a query planner serves too: an equality (or {@code $in}) on the keys of
     * a unique index, alone or beside other conditions, at the top or inside {@code $and} — such
     * as a history page by {@code _id $in [...]}, or an update of one message by {@code _id} only
     * if its version is still the one read. The index names the candidates, each once; only the
     * conditions it did not decide are matched on them, never on the whole collection.
     */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Document equalities = new Document();
        collectEqualities(query, equalities);
        for (Index<Object> index : getIndexes()) {
            List<String> keys = index.getKeys().stream().map(IndexKey::getKey).toList();
            if (index.isUnique() && equalities.keySet().containsAll(keys)) {
                Document byIndex = new Document();
                keys.forEach(key -> byIndex.put(key, equalities.get(key)));
                if (index.canHandle(byIndex)) {
                    Set<Object> positions = new LinkedHashSet<>();
                    index.getPositions(byIndex).forEach(positions::add);
                    return matchDocuments(undecided(query, byIndex), positions, orderBy, numberToSkip, limit, batchSize,
                            fieldSelector);
                }
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    // The query without the top-level conditions the index decided: matching each document again
    // against a $in list of 2,000 ids cost 4,000,000 comparisons per page (a room list of 1,000 rooms: 13 s).
    private static Document undecided(Document query, Document byIndex) {
        Document rest = new Document();
        query.forEach((key, condition) -> {
            if (byIndex.get(key) != condition) { // the very condition collected from the top, not one from $and
                rest.put(key, condition);
            }
        });
        return rest;
    }

    // the conditions every match must meet: plain values and $in lists, at the top and in $and (the first one per key)
    private static void collectEqualities(Document query, Document equalities) {
        query.forEach((key, value) -> {
            if (key.equals("$and") && value instanceof Collection<?> clauses) {
                clauses.stream().filter(Document.class::isInstance).forEach(clause -> collectEqualities((Document) clause, equalities));
            } else if (!key.startsWith("$") && isEqualityOrIn(value)) {
                equalities.putIfAbsent(key, value);
            }
        });
    }

    private static boolean isEqualityOrIn(Object value) {
        if (value instanceof Document condition) {
            return condition.size() == 1 && condition.get("$in") instanceof Collection<?> values
                    && values.stream().noneMatch(v -> v == null || v instanceof Document || v instanceof Collection
                            || BsonRegularExpression.isRegularExpression(v));
        }
        // null also matches a missing field, which a sparse index leaves out; arrays match by element
        return value != null && !(value instanceof Collection) && !BsonRegularExpression.isRegularExpression(value);
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<Document> candidates;
        if (isNaturalDescending(orderBy)) {
            candidates = streamAllDocumentsWithPosition()
                    .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                    .map(DocumentWithPosition::getDocument);
        } else {
            candidates = documents.values().stream().map(EncodedDocuments::decode);
        }
        return matchDocumentsFromStream(candidates, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        byte[] bson = EncodedDocuments.encode(newDocument);
        byte[] before = documents.put(Missing.ofNullable(position), bson);
        updateDataSize(bson.length - (before == null ? 0 : before.length));
    }
}
