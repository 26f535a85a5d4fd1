package dev.blau.common.json;

import java.util.Map;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * The one JSON-P provider of the application. {@code Json.createReader} and its siblings ask the
 * ServiceLoader for a provider on every call: in Liberty a search through the class loaders (a
 * {@code ClassNotFoundException} each time) and a fresh buffer pool, on every frame and request.
 */
public final class JsonProcessing {

    public static final JsonProvider PROVIDER = JsonProvider.provider();
    /** Generators of compact JSON, from the one provider. */
    public static final JsonGeneratorFactory GENERATORS = PROVIDER.createGeneratorFactory(Map.of());

    private JsonProcessing() {
    }
}
