package dev.blau.auth.events.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.junit.jupiter.api.Test;

class UserEventTest {

    @Test
    void disabledAndEnabledEventsHaveTheSameShapeAsEveryUserEvent() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            JsonObject login = read(jsonb.toJson(UserEvent.login("42", "ana")));
            JsonObject disabled = read(jsonb.toJson(UserEvent.disabled("42", "ana")));
            JsonObject enabled = read(jsonb.toJson(UserEvent.enabled("42", "ana")));

            assertEquals(List.copyOf(login.keySet()), List.copyOf(disabled.keySet()));
            assertEquals(List.copyOf(login.keySet()), List.copyOf(enabled.keySet()));
            assertEquals("user.disabled", disabled.getString("type"));
            assertEquals("user.enabled", enabled.getString("type"));
            assertEquals("42", disabled.getString("userId"));
            assertEquals("ana", disabled.getString("username"));
        }
    }

    private static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
