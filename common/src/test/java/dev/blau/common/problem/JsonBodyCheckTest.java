package dev.blau.common.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class JsonBodyCheckTest {

    @Test
    void completeJsonPasses() {
        for (String body : new String[] {"{}", "{\"text\":\"hi\",\"seq\":1}", "[1,2]", "\"x\"", "{\"a\":{\"b\":[{}]}}"}) {
            assertTrue(JsonBodyCheck.isCompleteJson(body.getBytes(StandardCharsets.UTF_8)), body);
        }
    }

    @Test
    void aCutOffOrBrokenBodyIsRefusedInsteadOfReachingTheBinder() {
        String deep = "{\"type\":".repeat(2400) + "1" + "}".repeat(100);
        for (String body : new String[] {"{\"type\":{\"a\":1", "{\"a\":[1,", "{\"a\":1} x", "", "{", deep,
                "[".repeat(5000) + "]".repeat(5000)}) {
            assertFalse(JsonBodyCheck.isCompleteJson(body.getBytes(StandardCharsets.UTF_8)),
                    body.length() > 40 ? body.substring(0, 40) + "…" : body);
        }
    }
}
