package com.mindflow.command.attachment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileNameTest {

    @Test
    void keepsAnOrdinaryName() {
        assertThat(FileName.sanitize("Beach day (2).jpg").value()).isEqualTo("Beach day (2).jpg");
        assertThat(FileName.sanitize("café – été.png").value()).isEqualTo("café – été.png");
    }

    @Test
    void dropsDirectoriesOfEitherKind() {
        assertThat(FileName.sanitize("../../etc/passwd").value()).isEqualTo("passwd");
        assertThat(FileName.sanitize("C:\\Users\\ana\\Pictures\\cat.gif").value()).isEqualTo("cat.gif");
        assertThat(FileName.sanitize("/tmp/").value()).isEqualTo(FileName.FALLBACK);
        assertThat(FileName.sanitize("..").value()).isEqualTo(FileName.FALLBACK);
    }

    @Test
    void dropsControlAndDirectionCharacters() {
        assertThat(FileName.sanitize("a\u0000b\r\nc.pdf").value()).isEqualTo("abc.pdf");
        // U+202E would show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
        assertThat(FileName.sanitize("invoice\u202Efdp.exe").value()).isEqualTo("invoicefdp.exe");
        assertThat(FileName.sanitize("\t  \u0007").value()).isEqualTo(FileName.FALLBACK);
    }

    @Test
    void fallsBackWhenThereIsNoName() {
        assertThat(FileName.sanitize(null).value()).isEqualTo(FileName.FALLBACK);
        assertThat(FileName.sanitize("").value()).isEqualTo(FileName.FALLBACK);
    }

    @Test
    void cutsLongNamesKeepingTheExtension() {
        String name = FileName.sanitize("x".repeat(400) + ".jpeg").value();
        assertThat(name).hasSize(FileName.MAX_LENGTH).endsWith(".jpeg").startsWith("xxx");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String name = FileName.sanitize("a".repeat(248) + "\uD83D\uDE00\uD83D\uDE00" + ".png").value();
        assertThat(name.length()).isLessThanOrEqualTo(FileName.MAX_LENGTH);
        assertThat(Character.isHighSurrogate(name.charAt(name.length() - 5))).isFalse();
        assertThat(name).endsWith(".png");
    }

    @Test
    void refusesAnInvalidValueDirectly() {
        assertThatThrownBy(() -> new FileName(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileName("y".repeat(256))).isInstanceOf(IllegalArgumentException.class);
    }
}
