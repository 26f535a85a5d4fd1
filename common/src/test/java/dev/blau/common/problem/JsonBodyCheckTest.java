package dev.blau.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class JsonBodyCheckTest {

    @Test
    void completeJsonPasses() {
        for (String body : new String[] {"{}", "{\"text\":\"hi\",\"seq\":1}", "[1,2]", "\"x\"", "{\"a\":{\"b\":[{}]}}"}) {
            assertEquals(JsonBodyCheck.Verdict.READABLE, JsonBodyCheck.read(body.getBytes(StandardCharsets.UTF_8)), body);
        }
    }

    @Test
    void aCutOffOrBrokenBodyIsRefusedInsteadOfReachingTheBinder() {
        String deep = "{\"type\":".repeat(2400) + "1" + "}".repeat(100);
        for (String body : new String[] {"{\"type\":{\"a\":1", "{\"a\":[1,", "{\"a\":1} x", "", "{", deep,
                "[".repeat(5000) + "]".repeat(5000)}) {
            assertEquals(JsonBodyCheck.Verdict.INCOMPLETE, JsonBodyCheck.read(body.getBytes(StandardCharsets.UTF_8)),
                    body.length() > 40 ? body.substring(0, 40) + "…" : body);
        }
    }

    @Test
    void aStringHoldingNulIsRefusedWhereverItIs() { // PostgreSQL text cannot hold U+0000
        for (String body : new String[] {"{\"name\":\"\\u0000\"}", "{\"a\":[\"x\\u0000y\"]}", "{\"\\u0000\":1}"}) {
            assertEquals(JsonBodyCheck.Verdict.HOLDS_NUL, JsonBodyCheck.read(body.getBytes(StandardCharsets.UTF_8)), body);
        }
        assertEquals(JsonBodyCheck.Verdict.READABLE, JsonBodyCheck.read("{\"name\":\"\\u0001 é\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
