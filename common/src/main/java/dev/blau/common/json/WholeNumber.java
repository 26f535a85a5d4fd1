package dev.blau.common.json;

import java.lang.reflect.Type;
import java.math.BigDecimal;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

/**
 * A JSON number that must be a whole number a {@code long} holds, for fields such as a seq:
 * JSON-B's own conversion wraps {@code 1e30} into some other long without a word, and a
 * request would then act on a seq nobody sent. Anything else is a malformed body (400).
 */
public class WholeNumber implements JsonbDeserializer<Long> {

    private static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal SMALLEST = BigDecimal.valueOf(Long.MIN_VALUE);

    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
        JsonValue value = parser.getValue();
        if (value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            BigDecimal decimal = number.bigDecimalValue();
            // compared before converting: expanding 1e1000000000 would take the thread
            if (decimal.compareTo(LARGEST) <= 0 && decimal.compareTo(SMALLEST) >= 0) {
                try {
                    return decimal.longValueExact();
                } catch (ArithmeticException fraction) {
                    // falls through to the refusal
                }
            }
        }
        throw new JsonbException("expected a whole number, got " + value.getValueType());
    }
}
