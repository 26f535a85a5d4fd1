package dev.blau.chat.files.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FilesTest {

    @Test
    void aNameIsOnlyAName() {
        assertEquals("report.pdf", Files.cleanName("C:\\Users\\ana\\report.pdf"));
        assertEquals("passwd", Files.cleanName("../../etc/passwd"));
        assertEquals("ab.txt", Files.cleanName("a\u0000\nb.txt"));
        assertEquals("Ação 😀.png", Files.cleanName("  Ação 😀.png "));
        assertEquals("file", Files.cleanName(".."));
        assertEquals("file", Files.cleanName(null));
        assertEquals("file", Files.cleanName("dir/"));
    }

    @Test
    void aLongNameIsCutWithoutSplittingACharacter() {
        String name = "a".repeat(254) + "😀😀";
        assertEquals("a".repeat(254), Files.cleanName(name));
        assertEquals(255, Files.cleanName("b".repeat(300)).length());
    }
}
