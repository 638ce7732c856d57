package com.mindflow.command.attachment.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mindflow.command.attachment.domain.AttachmentRefused;
import com.mindflow.command.attachment.domain.AttachmentRefused.Reason;

/**
 * JPEG thumbnails of image attachments, at most {@value #MAX_EDGE} px on the long edge. The header is read first and
 * an image of more than {@value #MAX_PIXELS} pixels is refused before any pixel is decoded, so a small file that
 * claims a huge canvas (a decompression bomb) costs nothing. Large images are decoded subsampled, which keeps a 40 MP
 * photo's decode to a few MB of heap.
 */
@Component
public class Thumbnails {

    public static final int MAX_EDGE = 320;
    public static final long MAX_PIXELS = 40_000_000L;
    private static final float JPEG_QUALITY = 0.8f;

    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);

    Thumbnails() {
        // Inside Spring Boot's nested jars the WebP reader (TwelveMonkeys) is only found by a scan from this class
        // loader; ImageIO's own start-up scan sees the system class path only.
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    /**
     * Writes a thumbnail of {@code image} to a new temporary file, which the caller deletes.
     *
     * @return empty when the header is sound but the pixels cannot be decoded (e.g. a CMYK JPEG): the file is still
     *         a valid attachment, it just has no thumbnail
     * @throws AttachmentRefused when the header cannot be read or the canvas is too large
     */
    public Optional<Path> of(Path image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new AttachmentRefused(Reason.UNREADABLE_IMAGE, "The image cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                }
                catch (IOException | RuntimeException e) {
                    throw new AttachmentRefused(Reason.UNREADABLE_IMAGE, "The image header cannot be read");
                }
                if (width <= 0 || height <= 0) {
                    throw new AttachmentRefused(Reason.UNREADABLE_IMAGE, "The image has no pixels");
                }
                if ((long) width * height > MAX_PIXELS) {
                    throw new AttachmentRefused(Reason.TOO_MANY_PIXELS, "The image has more than " + MAX_PIXELS
                            + " pixels (" + width + " x " + height + ")");
                }
                BufferedImage decoded;
                try {
                    decoded = reader.read(0, subsampled(reader, width, height));
                }
                catch (IOException | RuntimeException e) {
                    log.warn("Image of {} x {} px could not be decoded; stored without thumbnail", width, height, e);
                    return Optional.empty();
                }
                return Optional.of(writeJpeg(scaled(decoded)));
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded image", e);
        }
    }

    /** Reads every n-th pixel so the decoded image is still at least twice the thumbnail: enough for a smooth scale. */
    private static ImageReadParam subsampled(ImageReader reader, int width, int height) {
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(width, height) / (2 * MAX_EDGE));
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        return param;
    }

    private static BufferedImage scaled(BufferedImage source) {
        double factor = Math.min(1.0, (double) MAX_EDGE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            // JPEG has no transparency: transparent pixels become white, not black.
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        }
        finally {
            g.dispose();
        }
        return thumbnail;
    }

    private static Path writeJpeg(BufferedImage thumbnail) throws IOException {
        Path file = Files.createTempFile("thumbnail-", ".jpg");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(thumbnail, null, null), param);
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        finally {
            writer.dispose();
        }
        return file;
    }
}
