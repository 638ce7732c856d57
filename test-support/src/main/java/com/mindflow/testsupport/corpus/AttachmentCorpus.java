package com.mindflow.testsupport.corpus;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Hostile uploads: decompression bombs for every image format and PDF, huge canvases in tiny files, truncated and
 * corrupt files, and polyglots. The WebP files were made with {@code cwebp} (see
 * {@code test-support/src/main/resources/attachment-corpus/README.md}); everything else is built here, byte by byte where no
 * writer would produce it.
 *
 * <p>Every one must end as a 4xx or as a stored file without a thumbnail; {@link #controls()} are sound pictures
 * that must still get one.
 */
public final class AttachmentCorpus {

    /** One hostile file. */
    public record Sample(String name, byte[] bytes) {

        @Override
        public String toString() {
            return name + " (" + bytes.length + " bytes)";
        }
    }

    private AttachmentCorpus() {
    }

    public static List<Sample> hostile() {
        try {
            List<Sample> corpus = new ArrayList<>();
            // Decompression bombs: a canvas within the pixel limit, in a file far too small for it.
            corpus.add(new Sample("png-bomb-6000.png", flatPng(6000, 6000, 2, 8)));
            corpus.add(new Sample("png-bomb-1bit-6000.png", flatPng(6000, 6000, 0, 1)));
            corpus.add(new Sample("gif-bomb-6000.gif", flatGif(6000, 6000)));
            corpus.add(new Sample("jpeg-progressive-6000.jpg", flatJpeg(6000, 6000, true)));
            corpus.add(new Sample("webp-lossless-6000.webp", resource("webp-lossless-6000.webp")));
            corpus.add(new Sample("webp-lossy-6000.webp", resource("webp-lossy-6000.webp")));
            corpus.add(new Sample("webp-lossy-alpha-6000.webp", resource("webp-lossy-alpha-6000.webp")));
            corpus.add(new Sample("pdf-flate-bomb.pdf", pdfBomb(200 * 1024 * 1024)));
            // Huge dimensions in tiny files: over the pixel limit by the header alone.
            corpus.add(new Sample("png-header-100000.png", pngHeader(100_000, 100_000)));
            corpus.add(new Sample("jpeg-header-60000.jpg", withJpegSize(smallJpeg(), 60_000, 60_000)));
            corpus.add(new Sample("gif-header-65535.gif", gifHeader(65_535, 65_535)));
            corpus.add(new Sample("webp-header-16384.webp", withWebpLosslessSize(
                    resource("webp-lossless-6000.webp"), 16_384, 16_384)));
            // Truncated and corrupt.
            byte[] photo = photoJpeg();
            corpus.add(new Sample("jpeg-truncated.jpg", Arrays.copyOf(photo, photo.length / 2)));
            corpus.add(new Sample("jpeg-corrupt-scan.jpg", corruptAfter(photo, photo.length / 3)));
            byte[] png = photoPng();
            corpus.add(new Sample("png-truncated.png", Arrays.copyOf(png, png.length / 2)));
            corpus.add(new Sample("png-corrupt-idat.png", corruptAfter(png, png.length / 2)));
            corpus.add(new Sample("webp-truncated.webp", Arrays.copyOf(resource("webp-lossy-6000.webp"), 40)));
            corpus.add(new Sample("gif-truncated.gif", Arrays.copyOf(flatGif(600, 400), 30)));
            corpus.add(new Sample("pdf-truncated.pdf", "%PDF-1.7\n1 0 obj <<".getBytes(StandardCharsets.US_ASCII)));
            // Polyglots: one file, two readings.
            corpus.add(new Sample("gif-javascript.gif", ascii("GIF89a/*\u0000\u0000*/=1;alert(document.cookie);//")));
            corpus.add(new Sample("jpeg-html.jpg", concat(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF,
                    (byte) 0xE0 }, ascii("<html><script>alert(1)</script></html>"))));
            corpus.add(new Sample("pdf-with-jpeg.pdf", concat(ascii("%PDF-1.4\n%"), photo)));
            corpus.add(new Sample("png-header-then-zip.png", concat(pngHeader(5000, 5000),
                    ascii("PK\u0003\u0004 this is a zip, not pixels"))));
            return corpus;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sound pictures: each must still get a thumbnail. */
    public static List<Sample> controls() {
        try {
            return List.of(new Sample("photo.jpg", photoJpeg()), new Sample("photo.png", photoPng()),
                    new Sample("pixel.webp", onePixelWebp()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An orange picture with a blue disc: a sound image that compresses like a drawing. */
    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    /** A PNG signature and IHDR chunk (with a correct CRC) announcing the given canvas, and no pixel data. */
    public static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] { 8, 2, 0, 0, 0 }); // 8-bit RGB, deflate, no filter method, no interlace
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PNG_SIGNATURE);
        chunk(out, "IHDR", ihdr.toByteArray());
        return out.toByteArray();
    }

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

    /** A PNG of one flat colour, streamed through the deflater row by row: no raster is ever built. */
    public static byte[] flatPng(int width, int height, int colourType, int bitDepth) throws IOException {
        int channels = colourType == 2 ? 3 : 1;
        int rowBytes = (width * channels * bitDepth + 7) / 8;
        byte[] row = new byte[1 + rowBytes];
        Arrays.fill(row, 1, row.length, (byte) 0x5A);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PNG_SIGNATURE);
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] { (byte) bitDepth, (byte) colourType, 0, 0, 0 });
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] typeBytes = ascii(type);
        d.write(typeBytes);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** A flat two-colour GIF; the byte raster is 1 byte a pixel, built in the test JVM only. */
    public static byte[] flatGif(int width, int height) throws IOException {
        IndexColorModel palette = new IndexColorModel(1, 2, new byte[] { 0, (byte) 255 },
                new byte[] { 0, (byte) 128 }, new byte[] { 0, 0 });
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, palette);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "gif", out);
        return out.toByteArray();
    }

    public static byte[] flatJpeg(int width, int height, boolean progressive) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        return jpeg(image, progressive, 0.5f);
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive, float quality) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        }
        finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] photoJpeg() throws IOException {
        return jpeg(picture(1600, 1200), false, 0.85f);
    }

    public static byte[] photoPng() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture(1200, 900), "png", out);
        return out.toByteArray();
    }

    private static byte[] smallJpeg() throws IOException {
        return jpeg(picture(16, 16), false, 0.8f);
    }

    /** Rewrites the frame header (SOF0) of a baseline JPEG to announce another canvas. */
    public static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        for (int i = 2; i + 8 < copy.length; i++) {
            if ((copy[i] & 0xFF) == 0xFF && (copy[i + 1] & 0xFF) == 0xC0) {
                copy[i + 5] = (byte) (height >> 8);
                copy[i + 6] = (byte) height;
                copy[i + 7] = (byte) (width >> 8);
                copy[i + 8] = (byte) width;
                return copy;
            }
        }
        throw new IllegalArgumentException("No SOF0 marker");
    }

    /** A GIF with a logical screen and one image descriptor of the given size, and a truncated image. */
    public static byte[] gifHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("GIF89a"));
        out.writeBytes(new byte[] { (byte) width, (byte) (width >> 8), (byte) height, (byte) (height >> 8),
                (byte) 0x80, 0, 0 });
        out.writeBytes(new byte[] { 0, 0, 0, (byte) 255, (byte) 255, (byte) 255 });
        out.writeBytes(new byte[] { 0x2C, 0, 0, 0, 0, (byte) width, (byte) (width >> 8), (byte) height,
                (byte) (height >> 8), 0, 2, 2, 0x4C, 0x01, 0 });
        return out.toByteArray();
    }

    /** Rewrites a lossless WebP's 14-bit width and height fields (right after the 0x2F signature byte). */
    public static byte[] withWebpLosslessSize(byte[] webp, int width, int height) {
        byte[] copy = webp.clone();
        int at = 20; // "RIFF" size "WEBP" "VP8L" size, then the signature byte
        if (copy[at] != 0x2F) {
            throw new IllegalArgumentException("Not a lossless WebP");
        }
        long bits = (copy[at + 1] & 0xFFL) | (copy[at + 2] & 0xFFL) << 8 | (copy[at + 3] & 0xFFL) << 16
                | (copy[at + 4] & 0xFFL) << 24;
        bits = (bits & ~0x0FFF_FFFFL) | ((width - 1) & 0x3FFFL) | ((long) ((height - 1) & 0x3FFF) << 14);
        for (int i = 0; i < 4; i++) {
            copy[at + 1 + i] = (byte) (bits >> (8 * i));
        }
        return copy;
    }

    /** A PDF whose one content stream inflates to {@code inflated} bytes of zeros. */
    public static byte[] pdfBomb(int inflated) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(deflated, new Deflater(9))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < inflated / zeros.length; i++) {
                z.write(zeros);
            }
        }
        byte[] stream = deflated.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
                + "4 0 obj << /Length " + stream.length + " /Filter /FlateDecode >> stream\n"));
        out.writeBytes(stream);
        out.writeBytes(ascii("\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
        return out.toByteArray();
    }

    private static byte[] corruptAfter(byte[] bytes, int from) {
        byte[] copy = bytes.clone();
        for (int i = from; i < Math.min(copy.length - 2, from + 4096); i += 7) {
            copy[i] = (byte) (copy[i] ^ 0x5A);
        }
        return copy;
    }

    public static byte[] onePixelWebp() {
        return java.util.Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    }

    public static byte[] resource(String name) throws IOException {
        try (InputStream in = AttachmentCorpus.class.getResourceAsStream("/attachment-corpus/" + name)) {
            if (in == null) {
                throw new IOException("Missing corpus file " + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
