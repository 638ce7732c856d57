package com.mindflow.command.attachment.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * JPEG thumbnails of image attachments, at most {@value #MAX_EDGE} px on the long edge. Nothing is decoded before
 * the header has been judged:
 * <ul>
 * <li>more than {@value #MAX_PIXELS} pixels is refused;</li>
 * <li>a large canvas in a file far too small for it (more pixels per byte than any photo or drawing compresses to)
 * is refused as a decompression bomb;</li>
 * <li>the decode's memory, told from the header by {@link DecodeCost}, is reserved from a fixed budget first
 * ({@link DecodeMemory}); an image that does not fit in time is stored without a thumbnail rather than risk the
 * heap. Decoders that can subsample (JPEG, PNG, GIF, lossy WebP) read every n-th pixel, so a 40 MP photo costs a
 * few MB; lossless WebP cannot, and reserves its whole canvas.</li>
 * </ul>
 */
@Component
public class Thumbnails {

    public static final int MAX_EDGE = 320;
    public static final long MAX_PIXELS = 40_000_000L;
    private static final float JPEG_QUALITY = 0.8f;

    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);

    private final ThumbnailSettings settings;
    private final DecodeMemory memory;

    Thumbnails(ThumbnailSettings settings) {
        this.settings = settings;
        this.memory = new DecodeMemory(settings.decodeMemoryBytes(), settings.concurrentDecodes());
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
                long pixels = (long) width * height;
                if (pixels > MAX_PIXELS) {
                    throw new AttachmentRefused(Reason.TOO_MANY_PIXELS, "The image has more than " + MAX_PIXELS
                            + " pixels (" + width + " x " + height + ")");
                }
                long fileBytes = Files.size(image);
                if (pixels >= settings.bombMinPixels() && pixels > fileBytes * settings.bombPixelsPerByte()) {
                    throw new AttachmentRefused(Reason.DECOMPRESSION_BOMB, "The image claims " + width + " x "
                            + height + " px in " + fileBytes + " bytes, far more than any picture compresses to");
                }
                int step = step(width, height);
                long cost = DecodeCost.estimate(reader.getFormatName(), image, width, height, step);
                Optional<DecodeMemory.Reservation> reservation = memory.reserve(cost, settings.waitForMemory());
                if (reservation.isEmpty()) {
                    log.info("Image of {} x {} px would need {} KB to decode, more than is free within {}; stored "
                            + "without thumbnail", width, height, cost / 1024, settings.waitForMemory());
                    return Optional.empty();
                }
                BufferedImage thumbnail;
                // A truncated or corrupt JPEG still "decodes", grey below the damage, with only a warning: a picture
                // that is not what was uploaded gets no thumbnail.
                List<String> warnings = new ArrayList<>(1);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                // The decoded image is released when scaled, so the reservation covers both.
                try (DecodeMemory.Reservation held = reservation.get()) {
                    thumbnail = scaled(reader.read(0, subsampled(reader, step)));
                }
                catch (IOException | RuntimeException e) {
                    log.warn("Image of {} x {} px could not be decoded; stored without thumbnail", width, height, e);
                    return Optional.empty();
                }
                if (!warnings.isEmpty()) {
                    log.info("Image of {} x {} px decoded with warnings {}; stored without thumbnail", width, height,
                            warnings);
                    return Optional.empty();
                }
                return Optional.of(writeJpeg(thumbnail));
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded image", e);
        }
    }

    /** The memory held by decodes in flight, for tests and metrics. */
    DecodeMemory memory() {
        return memory;
    }

    /** Every n-th pixel keeps the decoded image at least twice the thumbnail: enough for a smooth scale. */
    static int step(int width, int height) {
        return Math.max(1, Math.max(width, height) / (2 * MAX_EDGE));
    }

    private static ImageReadParam subsampled(ImageReader reader, int step) {
        ImageReadParam param = reader.getDefaultReadParam();
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
