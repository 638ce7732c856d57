package com.mindflow.command.attachment.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What decoding an image will cost in memory, told from its header alone, per decoder this service uses:
 * <ul>
 * <li>JPEG (JDK): baseline decodes a band of rows at a time into the subsampled destination; progressive keeps every
 * DCT coefficient of the image (two bytes per sample, in native memory) until the last scan.</li>
 * <li>PNG and GIF (JDK): one row at a time, written subsampled into the destination.</li>
 * <li>WebP (TwelveMonkeys): lossy keeps per-macroblock tables; lossless (VP8L), and the extended format (alpha,
 * animation) decode the full canvas as ints before subsampling, plus a transform buffer. This is the case that
 * cannot subsample, so it is the one the reservation must stop.</li>
 * </ul>
 * The destination is counted at eight bytes a pixel (16-bit RGBA, the widest a reader may choose).
 */
final class DecodeCost {

    /** Scaling, the 320 px thumbnail and the JPEG writer's buffers. */
    static final long FIXED_BYTES = 2L * 1024 * 1024;

    private DecodeCost() {
    }

    static long estimate(String format, Path file, int width, int height, int step) {
        long w = width;
        long h = height;
        long destination = ceilDiv(w, step) * ceilDiv(h, step) * 8;
        long working = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "jpeg", "jpg" -> jpegProgressive(file) ? w * h * 4 * 2 : w * 4 * 16 * 4;
            case "png" -> w * 8 * 4;
            case "gif" -> w * 8 + 64 * 1024;
            case "webp" -> webpLossy(file) ? ceilDiv(w, 16) * ceilDiv(h, 16) * 512 + w * 64 : w * h * 4 * 2;
            // A reader this list does not know: assume it needs the whole canvas.
            default -> w * h * 8;
        };
        return FIXED_BYTES + destination + working;
    }

    private static long ceilDiv(long value, int divisor) {
        return (value + divisor - 1) / divisor;
    }

    /** True for a plain lossy WebP ("VP8 " right after the RIFF header); lossless and extended are not. */
    static boolean webpLossy(Path file) {
        byte[] head = head(file, 16);
        return head.length >= 16 && "VP8 ".equals(new String(head, 12, 4, StandardCharsets.US_ASCII));
    }

    /** Walks the JPEG markers up to the first frame header: SOF2, SOF6, SOF10 and SOF14 are progressive. */
    static boolean jpegProgressive(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            if (in.read() != 0xFF || in.read() != 0xD8) {
                return false;
            }
            while (true) {
                int marker = nextMarker(in);
                if (marker < 0 || marker == 0xDA || marker == 0xD9) {
                    return false;
                }
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue; // markers without a length
                }
                int length = (in.read() << 8) | in.read();
                if (length < 2 || in.skip(length - 2) < length - 2) {
                    return false;
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int nextMarker(InputStream in) throws IOException {
        int b = in.read();
        while (b != -1 && b != 0xFF) {
            b = in.read();
        }
        while (b == 0xFF) {
            b = in.read();
        }
        return b;
    }

    private static byte[] head(Path file, int length) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
