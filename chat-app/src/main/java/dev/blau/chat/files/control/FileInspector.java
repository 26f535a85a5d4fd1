package dev.blau.chat.files.control;

import java.awt.Dimension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputField;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

import net.coobird.thumbnailator.Thumbnails;

/**
 * What an upload is, from its bytes: its type (Apache Tika's magic numbers; the name only
 * refines a type the bytes already show, such as a zip that is a .docx), an image's size, and
 * its thumbnail. A thumbnail is encoded afresh, so none of the original's metadata (EXIF, GPS)
 * reaches it; the camera's orientation is applied first. A photo itself keeps its pixels and its
 * EXIF (orientation, camera) but loses where it was taken: the GPS fields and any XMP.
 */
public final class FileInspector {

    public static final int THUMBNAIL_SIZE = 400;
    /** Larger images are not decoded: a small PNG can claim a size that takes gigabytes to decode. */
    public static final long MAX_THUMBNAIL_PIXELS = 50_000_000L;
    /** Images a browser shows and this server serves inline; every other type is a download. */
    public static final Set<String> INLINE_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final Set<String> THUMBNAILED = Set.of("image/png", "image/jpeg", "image/gif");

    private static final Detector DETECTOR = TikaConfig.getDefaultConfig().getDetector();

    private FileInspector() {
    }

    /** The media type of the file's bytes; {@code application/octet-stream} when nothing is recognised. */
    public static String detect(Path file, String name) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try (InputStream in = org.apache.tika.io.TikaInputStream.get(file)) {
            return DETECTOR.detect(in, metadata).getBaseType().toString();
        }
    }

    public static boolean isInlineImage(String contentType) {
        return INLINE_IMAGES.contains(contentType);
    }

    /** An image's width and height from its header, without decoding it; null when unreadable. */
    public static Dimension dimensions(Path file, String contentType) throws IOException {
        if (!THUMBNAILED.contains(contentType)) {
            return null;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Dimension(reader.getWidth(0), reader.getHeight(0));
            } catch (IOException | RuntimeException e) {
                return null; // a broken header: a file like any other
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Writes the image's thumbnail (at most {@link #THUMBNAIL_SIZE} px each way, never enlarged)
     * to {@code target}: JPEG for a photo, PNG for the rest (transparency stays). False when the
     * image cannot be decoded.
     */
    public static boolean thumbnail(Path source, String contentType, Dimension size, Path target) {
        if (size == null || !THUMBNAILED.contains(contentType)
                || (long) size.width * size.height > MAX_THUMBNAIL_PIXELS) {
            return false;
        }
        try {
            var builder = Thumbnails.of(source.toFile());
            if (size.width <= THUMBNAIL_SIZE && size.height <= THUMBNAIL_SIZE) {
                builder.scale(1.0);
            } else {
                builder.size(THUMBNAIL_SIZE, THUMBNAIL_SIZE);
            }
            try (var out = Files.newOutputStream(target)) {
                builder.outputFormat(thumbnailType(contentType).equals("image/jpeg") ? "jpg" : "png").toOutputStream(out);
            }
            return Files.size(target) > 0;
        } catch (IOException | RuntimeException e) {
            return false; // undecodable: the file stays, without a thumbnail
        }
    }

    /**
     * The JPEG's bytes without its location (the EXIF GPS fields, rewritten without re-encoding,
     * and XMP, where photo apps also write it), or null when it has none. EXIF this cannot rewrite
     * is removed whole.
     */
    public static byte[] jpegWithoutLocation(Path jpeg) throws IOException {
        byte[] original = Files.readAllBytes(jpeg);
        byte[] current = original;
        try {
            if (Imaging.getMetadata(current) instanceof JpegImageMetadata metadata && metadata.getExif() != null) {
                TiffOutputSet exif = metadata.getExif().getOutputSet();
                TiffOutputDirectory gps = exif.getGpsDirectory();
                if (gps != null && !gps.getFields().isEmpty()) {
                    for (TiffOutputField field : List.copyOf(gps.getFields())) {
                        gps.removeField(field.tag);
                    }
                    current = rewrite(out -> new ExifRewriter().updateExifMetadataLossless(original, out, exif));
                }
            }
        } catch (ImagingException | RuntimeException unreadable) {
            try {
                byte[] source = current;
                current = rewrite(out -> new ExifRewriter().removeExifMetadata(source, out));
            } catch (ImagingException | RuntimeException notJpeg) {
                return null; // nothing this can take apart: the bytes are what they are
            }
        }
        try {
            if (Imaging.getXmpXml(current) != null) {
                byte[] source = current;
                current = rewrite(out -> new JpegXmpRewriter().removeXmpXml(source, out));
            }
        } catch (ImagingException | RuntimeException e) {
            // no readable XMP
        }
        return current == original ? null : current;
    }

    private interface Rewrite {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    private static byte[] rewrite(Rewrite rewrite) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rewrite.to(out);
        return out.toByteArray();
    }

    public static String thumbnailType(String contentType) {
        return "image/jpeg".equals(contentType) ? "image/jpeg" : "image/png";
    }
}
