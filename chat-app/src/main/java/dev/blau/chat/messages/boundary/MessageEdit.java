package dev.blau.chat.messages.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.blau.chat.messages.entity.Message;

/** {@code {"text"}}: a message's new text. */
public record MessageEdit(
        @NotBlank(message = "must not be blank")
        @Size(max = Message.MAX_TEXT_LENGTH, message = "must be at most 4000 characters") String text) {
}
