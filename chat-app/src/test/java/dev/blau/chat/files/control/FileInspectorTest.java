package dev.blau.chat.files.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInspectorTest {

    @TempDir
    Path dir;

    @Test
    void theBytesSayWhatAFileIsNotItsName() throws IOException {
        assertEquals("image/png", FileInspector.detect(write("photo.txt", image("png", 10, 10)), "photo.txt"));
        assertEquals("image/jpeg", FileInspector.detect(write("x", image("jpg", 10, 10)), "x"));
        assertEquals("application/pdf", FileInspector.detect(write("a", "%PDF-1.4\n%%EOF\n"), "report.png"));
        assertEquals("text/plain", FileInspector.detect(write("b", "just some words"), "picture.png"));
        assertEquals("text/html", FileInspector.detect(write("c", "<html><body>hi</body></html>"), "c.jpg"));
        assertEquals("application/octet-stream", FileInspector.detect(write("d", new byte[]{0, 1, 2, 3, (byte) 0xfe}), "d"));
    }

    @Test
    void onlyRasterImagesAreShownInline() {
        assertTrue(FileInspector.isInlineImage("image/png"));
        assertFalse(FileInspector.isInlineImage("image/svg+xml"));
        assertFalse(FileInspector.isInlineImage("text/html"));
    }

    @Test
    void aThumbnailFitsInFourHundredPixelsAndIsNeverEnlarged() throws IOException {
        Path wide = write("wide.png", image("png", 1000, 500));
        Dimension size = FileInspector.dimensions(wide, "image/png");
        assertEquals(new Dimension(1000, 500), size);
        Path thumbnail = dir.resolve("t1");
        assertTrue(FileInspector.thumbnail(wide, "image/png", size, thumbnail));
        BufferedImage small = ImageIO.read(thumbnail.toFile());
        assertEquals(400, small.getWidth());
        assertEquals(200, small.getHeight());

        Path tiny = write("tiny.jpg", image("jpg", 40, 30));
        Path thumbnail2 = dir.resolve("t2");
        assertTrue(FileInspector.thumbnail(tiny, "image/jpeg", FileInspector.dimensions(tiny, "image/jpeg"), thumbnail2));
        assertEquals(40, ImageIO.read(thumbnail2.toFile()).getWidth());
        assertEquals("image/jpeg", FileInspector.detect(thumbnail2, "t2"));
    }

    @Test
    void aBrokenOrHugeImageGetsNoThumbnail() throws IOException {
        byte[] png = image("png", 50, 50);
        byte[] cut = java.util.Arrays.copyOf(png, 40); // the header survives, the pixels do not
        Path broken = write("broken.png", cut);
        assertFalse(FileInspector.thumbnail(broken, "image/png", FileInspector.dimensions(broken, "image/png"),
                dir.resolve("t3")));
        Path fine = write("fine.png", png);
        assertFalse(FileInspector.thumbnail(fine, "image/png", new Dimension(10_000, 10_000), dir.resolve("t4")),
                "50 megapixels and more are not decoded");
        assertNull(FileInspector.dimensions(write("text", "hello"), "text/plain"));
    }

    @Test
    void aPhotoLosesWhereItWasTakenAndKeepsItsPixelsAndOrientation() throws Exception {
        byte[] plain = image("jpg", 64, 48);
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
        exif.setGpsInDegrees(-46.6333, -23.5505);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(plain, tagged, exif);
        Path photo = write("photo.jpg", tagged.toByteArray());
        assertNotNull(((JpegImageMetadata) Imaging.getMetadata(photo.toFile())).getExif().getGpsInfo(), "(it had a location)");

        byte[] stripped = FileInspector.jpegWithoutLocation(photo);
        JpegImageMetadata left = (JpegImageMetadata) Imaging.getMetadata(stripped);
        assertNull(left.getExif().getGpsInfo());
        assertEquals(6, left.getExif().findField(TiffTagConstants.TIFF_TAG_ORIENTATION).getIntValue());
        BufferedImage before = ImageIO.read(photo.toFile());
        BufferedImage after = ImageIO.read(new java.io.ByteArrayInputStream(stripped));
        assertEquals(before.getRGB(1, 1), after.getRGB(1, 1), "the pixels are not re-encoded");

        assertNull(FileInspector.jpegWithoutLocation(write("plain.jpg", plain)), "nothing to take out");
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        return java.nio.file.Files.write(dir.resolve(name), content);
    }

    private static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
