package dev.blau.chat.files.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void readsTheThreeFormsOfOneRange() {
        assertEquals(new ByteRange(10, 19, true), ByteRange.parse("bytes=10-19", 100));
        assertEquals(new ByteRange(90, 99, true), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(95, 99, true), ByteRange.parse("bytes=-5", 100));
        assertEquals(10, ByteRange.parse("bytes=10-19", 100).length());
    }

    @Test
    void endsAtTheLastByteWhateverWasAsked() {
        assertEquals(new ByteRange(90, 99, true), ByteRange.parse("bytes=90-1000", 100));
        assertEquals(new ByteRange(0, 99, true), ByteRange.parse("bytes=-1000", 100));
    }

    @Test
    void aStartBeyondTheEndCannotBeServed() {
        assertFalse(ByteRange.parse("bytes=100-", 100).satisfiable());
        assertFalse(ByteRange.parse("bytes=-0", 100).satisfiable());
        assertFalse(ByteRange.parse("bytes=0-", 0).satisfiable());
    }

    @Test
    void whatItDoesNotUnderstandIsIgnoredAndTheWholeFileServed() {
        assertNull(ByteRange.parse(null, 100));
        assertNull(ByteRange.parse("bytes=0-1,5-6", 100), "several ranges");
        assertNull(ByteRange.parse("items=0-1", 100));
        assertNull(ByteRange.parse("bytes=5-2", 100));
        assertNull(ByteRange.parse("bytes=a-b", 100));
        assertNull(ByteRange.parse("bytes=99999999999999999999-", 100));
    }
}
