package dev.blau.stack;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortsTest {

    @Test
    void defaultsComeFromTheParentPom() {
        Ports ports = Ports.resolve(StackConfig.loadDefaults(), new Properties(), Map.of());
        assertEquals(15432, ports.get("postgres"));
        assertEquals(16379, ports.get("redis"));
        assertEquals(17017, ports.get("mongodb"));
        assertEquals(19092, ports.get("kafka"));
        assertEquals(18080, ports.get("keycloak"));
        assertEquals(19990, ports.get("stack.control"));
        assertEquals(9080, ports.get("ear.http"));
    }

    @Test
    void cliBeatsSystemPropertyBeatsDefault() {
        Properties system = new Properties();
        system.setProperty("blau.postgres.port", "25432");
        system.setProperty("blau.redis.port", "26379");
        Ports ports = Ports.resolve(StackConfig.loadDefaults(), system, Map.of("redis", 36379));
        assertEquals(25432, ports.get("postgres"));
        assertEquals(36379, ports.get("redis"));
    }
}
