package dev.blau.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** A snapshot of one service, as reported by the control endpoint and the summary table. */
public record ServiceStatus(String name, String displayName, ServiceState state, int port, String address,
                            OptionalLong pid, boolean inLauncher, long startMillis, OptionalLong rssKb) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("displayName", displayName);
        m.put("state", state.label());
        m.put("port", port);
        m.put("address", address);
        m.put("pid", pid.isPresent() ? pid.getAsLong() : null);
        m.put("inLauncher", inLauncher);
        m.put("startMillis", startMillis >= 0 ? startMillis : null);
        m.put("rssKb", rssKb.isPresent() ? rssKb.getAsLong() : null);
        return m;
    }
}
