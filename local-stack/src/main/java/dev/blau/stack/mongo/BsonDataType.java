package dev.blau.stack.mongo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Keys and values of the store's maps as BSON, compared the way MongoDB compares values.
 * The H2 backend's default type writes each key and document with Java serialization and, since
 * its index keys are not {@link Comparable}, compares index keys by serializing both at every
 * step of a B-tree search: that made an insert cost about a millisecond of CPU. BSON is what the
 * server encodes on the wire anyway, and a comparison here never encodes anything.
 */
final class BsonDataType extends BasicDataType<Object> {

    static final BsonDataType INSTANCE = new BsonDataType();

    // one wrapper field per kind of stored object, so each reads back as what was written
    private static final String DOCUMENT = "d";
    private static final String KEY = "k";
    private static final String KEY_MISSING = "km";
    private static final String MISSING = "m";
    private static final String VALUE = "v";

    private static final ValueComparator ORDER = ValueComparator.asc();
    private static final int INITIAL_BYTES = 16 * 1024;
    private static final int MAX_KEPT_BYTES = 1024 * 1024;
    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(INITIAL_BYTES));

    private BsonDataType() {
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue first && b instanceof KeyValue second) {
            int common = Math.min(first.size(), second.size());
            for (int i = 0; i < common; i++) {
                int order = compareValues(first.get(i), second.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(first.size(), second.size());
        }
        return compareValues(a, b);
    }

    // Missing and null are one value to MongoDB's comparison, but not to a map: Missing goes first
    private static int compareValues(Object a, Object b) {
        if (a instanceof String first && b instanceof String second) {
            return first.compareTo(second); // the common case (ids, keys), any total order serves a map
        }
        boolean aMissing = a instanceof Missing;
        boolean bMissing = b instanceof Missing;
        if (aMissing || bMissing) {
            return aMissing == bMissing ? 0 : aMissing ? -1 : 1;
        }
        return ORDER.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        return 48 + estimate(value);
    }

    private static int estimate(Object value) {
        if (value instanceof String text) {
            return 40 + 2 * text.length();
        }
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 48 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 40;
            for (Object item : values) {
                size += 8 + estimate(item);
            }
            return size;
        }
        if (value instanceof KeyValue key) {
            int size = 40;
            for (Object item : key) {
                size += 8 + estimate(item);
            }
            return size;
        }
        return 24;
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        // a page write encodes every value of the page: one buffer per thread instead of one
        // (regrown from 256 bytes) per value, which made the store the launcher's largest allocator
        ByteBuf bson = ENCODING.get();
        bson.clear();
        BsonEncoder.encodeDocument(wrap(value), bson);
        buffer.put(bson.nioBuffer());
        if (bson.capacity() > MAX_KEPT_BYTES) { // one huge document does not stay in memory
            bson.release();
            ENCODING.set(Unpooled.buffer(INITIAL_BYTES));
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer bson = buffer.slice();
        bson.limit(length);
        buffer.position(buffer.position() + length);
        return unwrap(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson)));
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    private static Document wrap(Object value) {
        if (value instanceof Document document) {
            return new Document(DOCUMENT, document);
        }
        if (value instanceof Missing) {
            return new Document(MISSING, true);
        }
        if (value instanceof KeyValue key) {
            // a key may hold Missing (a field the document does not have), which BSON cannot say
            List<Object> values = new ArrayList<>();
            List<Object> missing = new ArrayList<>();
            for (Object item : key) {
                if (item instanceof Missing) {
                    missing.add(values.size());
                    values.add(null);
                } else {
                    values.add(item);
                }
            }
            Document wrapped = new Document(KEY, values);
            if (!missing.isEmpty()) {
                wrapped.append(KEY_MISSING, missing);
            }
            return wrapped;
        }
        return new Document(VALUE, value);
    }

    private static Object unwrap(Document wrapped) {
        if (wrapped.containsKey(DOCUMENT)) {
            return wrapped.get(DOCUMENT);
        }
        if (wrapped.containsKey(MISSING)) {
            return Missing.getInstance();
        }
        if (wrapped.containsKey(KEY)) {
            List<Object> values = new ArrayList<>((List<?>) wrapped.get(KEY));
            Object missing = wrapped.get(KEY_MISSING);
            if (missing instanceof List<?> places) {
                for (Object place : places) {
                    values.set(((Number) place).intValue(), Missing.getInstance());
                }
            }
            return new KeyValue(values);
        }
        return wrapped.get(VALUE);
    }
}
