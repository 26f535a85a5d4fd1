package dev.blau.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;

import org.junit.jupiter.api.Test;

class WholeNumberTest {

    public record Mark(@JsonbTypeDeserializer(WholeNumber.class) Long seq) {
    }

    final Jsonb json = JsonbBuilder.create();

    @Test
    void aWholeNumberThatFitsIsTakenAsWritten() {
        assertEquals(42L, json.fromJson("{\"seq\":42}", Mark.class).seq());
        assertEquals(Long.MAX_VALUE, json.fromJson("{\"seq\":9223372036854775807}", Mark.class).seq());
        assertEquals(3L, json.fromJson("{\"seq\":3.0}", Mark.class).seq());
        assertNull(json.fromJson("{\"seq\":null}", Mark.class).seq());
        assertNull(json.fromJson("{}", Mark.class).seq());
    }

    @Test
    void anythingElseIsRefusedInsteadOfWrappedIntoAnotherNumber() {
        for (String seq : new String[] {"1e30", "9223372036854775808", "1.5", "1e1000000000", "\"7\"", "true", "[1]"}) {
            assertThrows(JsonbException.class, () -> json.fromJson("{\"seq\":" + seq + "}", Mark.class), seq);
        }
    }
}
