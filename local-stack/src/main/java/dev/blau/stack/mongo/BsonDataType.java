package dev.blau.stack.mongo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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

    private static final byte BSON_STRING = 0x02;
    private static final byte BSON_ARRAY = 0x04;
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
        // a page write encodes every key of the page again: the common keys and values (strings,
        // keys of strings) are written straight, the bytes the encoder below would write
        if (value instanceof String text) {
            writeString(buffer, text);
        } else if (value instanceof KeyValue key && allStrings(key)) {
            writeKeyOfStrings(buffer, key);
        } else {
            writeEncoded(buffer, value);
        }
    }

    // {v: text}
    private static void writeString(WriteBuffer buffer, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(Integer.reverseBytes(4 + 3 + 4 + utf8.length + 1 + 1))
                .put(BSON_STRING).put((byte) 'v').put((byte) 0)
                .putInt(Integer.reverseBytes(utf8.length + 1)).put(utf8).put((byte) 0)
                .put((byte) 0);
    }

    // {k: [s0, s1, …]}: an array is a document whose names are "0", "1", …
    private static void writeKeyOfStrings(WriteBuffer buffer, KeyValue key) {
        byte[][] names = new byte[key.size()][];
        byte[][] utf8 = new byte[key.size()][];
        int array = 4 + 1;
        for (int i = 0; i < utf8.length; i++) {
            names[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            utf8[i] = ((String) key.get(i)).getBytes(StandardCharsets.UTF_8);
            array += 1 + names[i].length + 1 + 4 + utf8[i].length + 1;
        }
        buffer.putInt(Integer.reverseBytes(4 + 3 + array + 1))
                .put(BSON_ARRAY).put((byte) 'k').put((byte) 0)
                .putInt(Integer.reverseBytes(array));
        for (int i = 0; i < utf8.length; i++) {
            buffer.put(BSON_STRING).put(names[i]).put((byte) 0)
                    .putInt(Integer.reverseBytes(utf8[i].length + 1)).put(utf8[i]).put((byte) 0);
        }
        buffer.put((byte) 0).put((byte) 0);
    }

    private static boolean allStrings(KeyValue key) {
        for (Object item : key) {
            if (!(item instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Any value, through the library's encoder. */
    static void writeEncoded(WriteBuffer buffer, Object value) {
        buffer.put(encodeInBuffer(wrap(value)).nioBuffer());
    }

    /**
     * The document's BSON in this thread's buffer, good until the thread's next call: one buffer
     * per thread instead of one (regrown from 256 bytes) per value, which made the store the
     * launcher's largest allocator.
     */
    static ByteBuf encodeInBuffer(Document document) {
        ByteBuf bson = ENCODING.get();
        if (bson.capacity() > MAX_KEPT_BYTES) { // one huge document does not stay in memory
            bson.release();
            bson = Unpooled.buffer(INITIAL_BYTES);
            ENCODING.set(bson);
        }
        bson.clear();
        BsonEncoder.encodeDocument(document, bson);
        return bson;
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
