package dev.blau.chat.files.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void namesTheFileInAsciiAndExactlyInUtf8() {
        assertEquals("attachment; filename=\"relat_rio final.pdf\"; filename*=UTF-8''relat%C3%B3rio%20final.pdf",
                FilesResource.disposition(false, "relatório final.pdf"));
        assertEquals("inline; filename=\"a.png\"; filename*=UTF-8''a.png", FilesResource.disposition(true, "a.png"));
    }

    @Test
    void aFormsFileNameIsReadAsTheBrowserWroteIt() {
        assertEquals("relatório.pdf", FilesResource.formFileName("relatório.pdf"));
        assertEquals("a \"b\".txt", FilesResource.formFileName("a %22b%22.txt"));
        assertEquals("file", FilesResource.formFileName(null));
    }

    @Test
    void nothingInTheNameEndsTheHeaderValue() {
        assertEquals("attachment; filename=\"a_ b_ c_.txt\"; filename*=UTF-8''a%22%20b%5C%20c%25.txt",
                FilesResource.disposition(false, "a\" b\\ c%.txt"));
    }
}
