package dev.blau.chat.messages.boundary;

import java.util.List;

import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.blau.chat.messages.control.Attachments;
import dev.blau.chat.messages.entity.Message;
import dev.blau.common.json.WholeNumber;

/** {@code {"text","clientMsgId","replyToSeq"?,"attachments"?}}: the text may be empty when files are attached. */
public record NewMessage(
        @Size(max = Message.MAX_TEXT_LENGTH, message = "must be at most 4000 characters") String text,
        @NotBlank(message = "must not be blank")
        @Size(max = 64, message = "must be at most 64 characters") String clientMsgId,
        @PositiveOrZero(message = "must not be negative") @JsonbTypeDeserializer(WholeNumber.class) Long replyToSeq,
        @Size(max = Attachments.MAX_PER_MESSAGE, message = "must be at most 10 files")
        List<@NotBlank(message = "must be file ids") String> attachments) {
}
