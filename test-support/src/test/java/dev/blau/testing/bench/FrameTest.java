package dev.blau.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The generator reads a batch frame's frames as the server wrote them, strings with braces and escapes included. */
class FrameTest {

    @Test
    void aBatchIsCutIntoItsFramesInOrder() {
        String first = "{\"type\":\"message_received\",\"message\":{\"roomId\":\"r\",\"seq\":7,\"text\":\"a } and a { and \\\"]}\"}}";
        String second = "{\"type\":\"typing\",\"roomId\":\"r\",\"user\":{\"id\":\"u\"},\"typing\":true}";
        String third = "{\"type\":\"message_received\",\"message\":{\"roomId\":\"r\",\"seq\":8,\"text\":\"\\\\\"}}";
        List<String> seen = new ArrayList<>();
        Frame.eachInBatch("{\"type\":\"batch\",\"frames\":[" + first + "," + second + "," + third + "]}", seen::add);
        assertEquals(List.of(first, second, third), seen);
        assertEquals(7, Frame.number(seen.get(0), "seq", -1));
        assertEquals("batch", Frame.type("{\"type\":\"batch\",\"frames\":[]}"));
    }
}
