package dev.blau.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The ports of the stack. Defaults come from the parent pom (filtered into blau-stack.properties);
 * each can be overridden by a system property {@code blau.<key>.port} or a CLI option {@code --<key>-port}
 * (dots become dashes: {@code --kafka-controller-port}).
 */
public final class Ports {

    public static final List<String> KEYS = List.of(
            "stack.control", "postgres", "redis", "mongodb", "kafka", "kafka.controller",
            "keycloak", "keycloak.management", "ear.http", "ear.https", "chat2.http", "chat2.https");

    private final Map<String, Integer> ports;

    private Ports(Map<String, Integer> ports) {
        this.ports = ports;
    }

    /** Defaults, then system properties, then CLI overrides (keys as in {@link #KEYS}). */
    public static Ports resolve(Properties defaults, Properties system, Map<String, Integer> cli) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String key : KEYS) {
            String value = system.getProperty("blau." + key + ".port", defaults.getProperty("port." + key));
            if (value == null) {
                throw new IllegalStateException("No default port for " + key);
            }
            ports.put(key, Integer.parseInt(value.trim()));
        }
        cli.forEach((key, port) -> {
            if (!ports.containsKey(key)) {
                throw new IllegalArgumentException("Unknown port option for " + key);
            }
            ports.put(key, port);
        });
        return new Ports(ports);
    }

    public int get(String key) {
        Integer port = ports.get(key);
        if (port == null) {
            throw new IllegalArgumentException("Unknown port " + key);
        }
        return port;
    }

    /** The command-line option for a key: kafka.controller → --kafka-controller-port. */
    public static String option(String key) {
        return "--" + key.replace('.', '-') + "-port";
    }
}
