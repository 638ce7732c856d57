package com.mindflow.command.attachment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AttachmentTypeTest {

    @Test
    void recognisesEachAllowedSignature() {
        assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1))).contains(AttachmentType.JPEG);
        assertThat(sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D))).contains(AttachmentType.PNG);
        assertThat(sniff(ascii("GIF87a......"))).contains(AttachmentType.GIF);
        assertThat(sniff(ascii("GIF89a......"))).contains(AttachmentType.GIF);
        assertThat(sniff(ascii("RIFF\u0001\u0002\u0003\u0004WEBP"))).contains(AttachmentType.WEBP);
        assertThat(sniff(ascii("%PDF-1.7\n%.."))).contains(AttachmentType.PDF);
    }

    @Test
    void refusesLookAlikesAndEverythingElse() {
        assertThat(sniff(ascii("RIFF....WAVE"))).as("a WAV file is RIFF too").isEmpty();
        assertThat(sniff(ascii("GIF88a......"))).isEmpty();
        assertThat(sniff(ascii("%PDF"))).as("truncated signature").isEmpty();
        assertThat(sniff(ascii("<html><body>"))).isEmpty();
        assertThat(sniff(ascii("PK\u0003\u0004 zip file"))).isEmpty();
        assertThat(sniff(bytes(0xFF, 0xD8))).as("two bytes of a JPEG are not a JPEG").isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
        assertThat(sniff(ascii(" %PDF-1.7 leading space"))).isEmpty();
    }

    @Test
    void looksOnlyAtTheBytesActuallyRead() {
        byte[] buffer = Arrays.copyOf(ascii("%PDF-"), AttachmentType.SIGNATURE_LENGTH);
        assertThat(AttachmentType.sniff(buffer, 4)).isEmpty();
        assertThat(AttachmentType.sniff(buffer, 5)).contains(AttachmentType.PDF);
    }

    @Test
    void mimeTypesAreTheSeedsAndOnlyImagesGetThumbnails() {
        assertThat(Arrays.stream(AttachmentType.values()).map(AttachmentType::mimeType))
                .containsExactly("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf");
        assertThat(AttachmentType.PDF.isImage()).isFalse();
        assertThat(AttachmentType.WEBP.isImage()).isTrue();
        assertThat(AttachmentType.ofMimeType("image/png")).contains(AttachmentType.PNG);
        assertThat(AttachmentType.ofMimeType("text/html")).isEmpty();
    }

    private static Optional<AttachmentType> sniff(byte[] head) {
        return AttachmentType.sniff(head, head.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
