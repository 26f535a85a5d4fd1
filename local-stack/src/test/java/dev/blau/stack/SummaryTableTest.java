package dev.blau.stack;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTableTest {

    @SuppressWarnings("unchecked")
    @Test
    void tableShowsStartTimeAndMemoryAndTheLauncherOnce() {
        Map<String, Object> doc = (Map<String, Object>) Json.parse("""
                {"ready":true,"launcher":{"pid":7,"rssKb":409600},"services":[
                 {"name":"postgres","displayName":"PostgreSQL","state":"running","address":"127.0.0.1:15432",
                  "pid":123,"inLauncher":false,"startMillis":2400,"rssKb":30720},
                 {"name":"kafka","displayName":"Kafka","state":"running","address":"127.0.0.1:19092",
                  "pid":7,"inLauncher":true,"startMillis":5100,"rssKb":null}]}""");
        String table = SummaryTable.format(doc);
        assertTrue(table.matches("(?s).*PostgreSQL\\s+running\\s+127.0.0.1:15432\\s+123\\s+2.4 s\\s+30 MB.*"), table);
        assertTrue(table.matches("(?s).*Kafka\\s+running\\s+127.0.0.1:19092\\s+launcher\\s+5.1 s\\s+\\(launcher\\).*"), table);
        assertTrue(table.matches("(?s).*launcher JVM \\(Kafka, MongoDB\\)\\s+7\\s+400 MB.*"), table);
    }

    @Test
    void vmRssLineIsParsedInKilobytes() {
        assertEquals(123456, ProcessInfo.parseVmRss("VmRSS:\t  123456 kB"));
    }
}
