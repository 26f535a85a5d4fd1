package dev.blau.chat.rooms.boundary;

import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import dev.blau.common.json.WholeNumber;

/** {@code {"seq"}}: the highest seq the caller has read. */
public record ReadMark(@NotNull(message = "must be a number") @PositiveOrZero(message = "must not be negative")
                       @JsonbTypeDeserializer(WholeNumber.class) Long seq) {
}
