package com.mindflow.command.attachment.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mindflow.testsupport.corpus.AttachmentCorpus;
import com.mindflow.command.attachment.domain.AttachmentRefused;
import com.mindflow.command.attachment.domain.AttachmentRefused.Reason;

class ThumbnailsTest {

    /** The smallest lossless WebP: one pixel (a well-known feature-detection sample). */
    static final byte[] ONE_PIXEL_WEBP = Base64.getDecoder()
            .decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    final Thumbnails thumbnails = new Thumbnails(ThumbnailSettings.defaults());

    @TempDir
    Path dir;

    @Test
    void shrinksALandscapePhotoTo320PixelsWide() throws IOException {
        Path thumbnail = thumbnails.of(write(AttachmentCorpus.picture(4000, 3000), "jpeg")).orElseThrow();
        BufferedImage result = ImageIO.read(thumbnail.toFile());
        assertThat(result.getWidth()).isEqualTo(320);
        assertThat(result.getHeight()).isEqualTo(240);
        assertThat(Files.readAllBytes(thumbnail)).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        Files.delete(thumbnail);
    }

    @Test
    void shrinksAPortraitPngAndPaintsTransparencyWhite() throws IOException {
        BufferedImage transparent = new BufferedImage(600, 1200, BufferedImage.TYPE_INT_ARGB);
        BufferedImage result = ImageIO.read(thumbnails.of(write(transparent, "png")).orElseThrow().toFile());
        assertThat(result.getHeight()).isEqualTo(320);
        assertThat(result.getWidth()).isEqualTo(160);
        assertThat(new Color(result.getRGB(80, 160))).isEqualTo(Color.WHITE);
    }

    @Test
    void keepsTheSizeOfASmallGif() throws IOException {
        BufferedImage result = ImageIO.read(
                thumbnails.of(write(AttachmentCorpus.picture(100, 50), "gif")).orElseThrow().toFile());
        assertThat(result.getWidth()).isEqualTo(100);
        assertThat(result.getHeight()).isEqualTo(50);
    }

    @Test
    void readsWebp() throws IOException {
        Path webp = Files.write(dir.resolve("pixel.webp"), ONE_PIXEL_WEBP);
        BufferedImage result = ImageIO.read(thumbnails.of(webp).orElseThrow().toFile());
        assertThat(result.getWidth()).isEqualTo(1);
    }

    @Test
    void refusesADecompressionBombFromItsHeaderAlone() throws IOException {
        // 100,000 x 100,000 pixels announced in a file of a few dozen bytes.
        Path bomb = Files.write(dir.resolve("bomb.png"), AttachmentCorpus.pngHeader(100_000, 100_000));
        assertThatThrownBy(() -> thumbnails.of(bomb)).isInstanceOfSatisfying(AttachmentRefused.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
    }

    @Test
    void refusesBytesThatOnlyStartLikeAnImage() throws IOException {
        byte[] fake = new byte[64];
        fake[0] = (byte) 0x89;
        System.arraycopy("PNG".getBytes(StandardCharsets.US_ASCII), 0, fake, 1, 3);
        Path file = Files.write(dir.resolve("fake.png"), fake);
        assertThatThrownBy(() -> thumbnails.of(file)).isInstanceOfSatisfying(AttachmentRefused.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_IMAGE));
    }

    private Path write(BufferedImage image, String format) throws IOException {
        Path file = Files.createTempFile(dir, "image-", "." + format);
        BufferedImage rgb = image;
        if (format.equals("jpeg") && image.getColorModel().hasAlpha()) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.createGraphics().drawImage(image, 0, 0, null);
        }
        assertThat(ImageIO.write(rgb, format, file.toFile())).isTrue();
        return file;
    }
}
