package dev.blau.stack;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    @Test
    void serviceStatusIsWrittenAsTheControlEndpointDocumentsIt() {
        ServiceStatus status = new ServiceStatus("postgres", "PostgreSQL", ServiceState.RUNNING, 15432, "127.0.0.1:15432",
                OptionalLong.of(123), false, 2400, OptionalLong.of(30000));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ready", true);
        doc.put("services", List.of(status.toMap()));
        assertEquals("{\"ready\":true,\"services\":[{\"name\":\"postgres\",\"displayName\":\"PostgreSQL\","
                + "\"state\":\"running\",\"port\":15432,\"address\":\"127.0.0.1:15432\",\"pid\":123,"
                + "\"inLauncher\":false,\"startMillis\":2400,\"rssKb\":30000}]}", Json.write(doc));
    }

    @Test
    void stoppedServiceHasNullPidAndRss() {
        ServiceStatus status = new ServiceStatus("redis", "Redis", ServiceState.STOPPED, 16379, "127.0.0.1:16379",
                OptionalLong.empty(), false, -1, OptionalLong.empty());
        Map<String, Object> map = status.toMap();
        assertEquals("stopped", map.get("state"));
        assertEquals(null, map.get("pid"));
        assertEquals(null, map.get("startMillis"));
    }

    @Test
    void writeThenParseGivesTheSameValues() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", "quote \" backslash \\ newline \n tab \t é");
        doc.put("n", 42L);
        doc.put("x", 1.5);
        doc.put("none", null);
        doc.put("list", List.of(true, false, "a"));
        doc.put("nested", Map.of("k", "v"));
        assertEquals(doc, Json.parse(Json.write(doc)));
    }

    @Test
    void parsesWhitespaceAndEscapes() {
        assertEquals(Map.of("a", List.of(1L, "\u00e9")), Json.parse(" { \"a\" : [ 1 , \"\\u00e9\" ] } "));
    }

    @Test
    void rejectsBrokenDocuments() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[nul]"));
    }
}
