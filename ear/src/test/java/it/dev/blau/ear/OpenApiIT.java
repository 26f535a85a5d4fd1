package it.dev.blau.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;

/**
 * The OpenAPI document the server serves is the one the SDK's types are generated from
 * ({@code sdk/openapi/blau-openapi.json}), and it is complete: every operation has a summary
 * and its error answers as problem+json.
 */
class OpenApiIT {

    static final Api API = Api.underTest();

    @Test
    void theServedDocumentIsTheSdksAndEveryOperationIsDescribed() throws IOException {
        Api.Answer answer = API.get("/openapi?format=JSON");
        assertEquals(200, answer.status(), answer::toString);
        Path served = Path.of(System.getProperty("blau.openapi.served"));
        Files.writeString(served, answer.body());
        JsonObject document = read(answer.body());

        List<String> undescribed = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : document.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> operation : path.getValue().asJsonObject().entrySet()) {
                JsonObject op = operation.getValue().asJsonObject();
                JsonObject responses = op.getJsonObject("responses");
                if (!op.containsKey("summary") || responses == null || !responses.containsKey("500")
                        || (op.containsKey("security") && !responses.containsKey("401"))
                        || !responses.getJsonObject("500").getJsonObject("content").containsKey("application/problem+json")) {
                    undescribed.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertEquals(List.of(), undescribed, "operations without a summary or their error answers");
        assertTrue(document.getJsonObject("components").getJsonObject("schemas").containsKey("Problem"));

        Path snapshot = Path.of(System.getProperty("blau.openapi.snapshot"));
        JsonObject known = read(Files.readString(snapshot));
        assertTrue(known.equals(document), () -> "The API changed (" + differences(known, document) + "): refresh the SDK's"
                + " copy of the document and its types (keys sorted: the server's order changes between builds): jq -S . " + served
                + " > " + snapshot + " && (cd sdk && npm run generate)");
    }

    /** Which paths and schemas differ, briefly. */
    private static String differences(JsonObject known, JsonObject served) {
        List<String> differ = new ArrayList<>();
        for (String part : List.of("paths", "components")) {
            JsonObject a = part.equals("paths") ? known.getJsonObject(part) : known.getJsonObject(part).getJsonObject("schemas");
            JsonObject b = part.equals("paths") ? served.getJsonObject(part) : served.getJsonObject(part).getJsonObject("schemas");
            java.util.Set<String> names = new java.util.TreeSet<>(a.keySet());
            names.addAll(b.keySet());
            names.stream().filter(n -> !java.util.Objects.equals(a.get(n), b.get(n))).forEach(differ::add);
        }
        if (!known.getJsonObject("info").equals(served.getJsonObject("info"))) {
            differ.add("info");
        }
        return differ.size() > 12 ? String.join(", ", differ.subList(0, 12)) + ", …" : String.join(", ", differ);
    }

    private static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
