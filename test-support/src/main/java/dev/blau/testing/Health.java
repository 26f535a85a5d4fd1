package dev.blau.testing;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

/** Reading a MicroProfile Health answer ({@code {"status","checks":[{"name","status","data"}]}}). */
public final class Health {

    private Health() {
    }

    public static Map<String, JsonObject> checksByName(JsonObject health) {
        return health.getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(check -> check.getString("name"), Function.identity()));
    }
}
