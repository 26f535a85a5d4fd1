package dev.blau.chat.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.blau.chat.messages.entity.Attachment;
import dev.blau.chat.messages.entity.Message;

class SearchableTextTest {

    private static Message message(String text, List<Attachment> files) {
        return Message.sent("r:1", "r", 1, "u", "U", text, "c", Instant.EPOCH, null, List.of(), false, files);
    }

    @Test
    void aMessageIsFoundByItsTextAndItsFilesNames() {
        assertEquals("hello", SearchIndex.searchable(message("hello", null)));
        assertEquals("the figures\nQ3 relatório.pdf\nchart.png", SearchIndex.searchable(message("the figures", List.of(
                Attachment.of("f1", "Q3 relatório.pdf", "application/pdf", 10, null, null, false),
                Attachment.of("f2", "chart.png", "image/png", 10, 4, 3, true)))));
        assertEquals("\nchart.png", SearchIndex.searchable(message("", List.of(
                Attachment.of("f2", "chart.png", "image/png", 10, 4, 3, true)))));
    }
}
