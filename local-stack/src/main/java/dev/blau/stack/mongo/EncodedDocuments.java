package dev.blau.stack.mongo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The values of a documents map: each document's BSON, encoded once when it is stored. H2
 * rewrites a whole page whenever one of its entries changes; with documents kept as objects,
 * every commit encoded every document of every touched page again (a room's newest page is
 * touched by each of its messages), which made most of the store's CPU and its garbage. A page
 * write is now a copy of bytes, and the pages in the cache are byte arrays, not object graphs.
 * The bytes on disk are those {@link BsonDataType} writes for a document ({@code {d: <document>}}).
 */
final class EncodedDocuments extends BasicDataType<byte[]> {

    static final EncodedDocuments INSTANCE = new EncodedDocuments();

    private static final byte EMBEDDED_DOCUMENT = 0x03;
    private static final byte FIELD_NAME = 'd'; // BsonDataType's name for a wrapped document
    private static final int WRAPPING = 4 + 3 + 1; // length, type and "d\0" before, the end byte after

    private EncodedDocuments() {
    }

    static byte[] encode(Document document) {
        ByteBuf bson = BsonDataType.encodeInBuffer(document);
        byte[] bytes = new byte[bson.readableBytes()];
        bson.readBytes(bytes);
        return bytes;
    }

    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public int getMemory(byte[] bson) {
        return 24 + bson.length;
    }

    @Override
    public void write(WriteBuffer buffer, byte[] bson) {
        buffer.putInt(Integer.reverseBytes(bson.length + WRAPPING))
                .put(EMBEDDED_DOCUMENT).put(FIELD_NAME).put((byte) 0)
                .put(bson)
                .put((byte) 0);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        int start = buffer.position();
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (buffer.get(start + 4) != EMBEDDED_DOCUMENT || buffer.get(start + 5) != FIELD_NAME || buffer.get(start + 6) != 0) {
            throw new IllegalStateException("not a stored document at " + start + ": the map holds other values");
        }
        byte[] bson = new byte[length - WRAPPING];
        buffer.get(start + 7, bson);
        buffer.position(start + length);
        return bson;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
