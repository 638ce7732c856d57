package com.mindflow.command.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import com.mindflow.testsupport.corpus.ImportFiles;

/** The archive checks on their own: names, links, declared and actual sizes, ratios, counts. */
class SafeArchiveTest {

    static final ImportSettings LIMITS = new ImportSettings(DataSize.ofMegabytes(100), DataSize.ofMegabytes(10), 100,
            DataSize.ofMegabytes(1), 100, 1000, 100, 30, java.time.Duration.ofMinutes(15));

    @TempDir
    Path dir;

    @Test
    void unpacksAHarmlessArchiveUnderIndexNames() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("entries.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("journal/", new byte[0]);
        files.put("journal/2024-01-01/a-photo.png", ImportFiles.png());
        try (SafeArchive archive = SafeArchive.unpack(write(ImportFiles.zip(files)), LIMITS)) {
            assertThat(archive.files()).containsOnlyKeys("entries.json", "journal/2024-01-01/a-photo.png");
            SafeArchive.Unpacked photo = archive.files().get("journal/2024-01-01/a-photo.png");
            assertThat(photo.path().getFileName().toString()).matches("\\d+");
            assertThat(Files.readAllBytes(photo.path())).isEqualTo(ImportFiles.png());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "../x", "a/../../x", "/etc/passwd", "C:/x", "c:x", "a\\b", "./x", "a/./b" })
    void refusesNamesThatLeaveTheArchive(String name) {
        assertThatThrownBy(() -> SafeArchive.requireSafeName(name)).isInstanceOf(ImportRefused.class)
                .extracting(e -> ((ImportRefused) e).reason()).isEqualTo(ImportRefused.Reason.UNSAFE_ARCHIVE);
    }

    @Test
    void refusesBombsByTheirDeclaredAndByTheirActualSize() throws IOException {
        byte[] bomb = ImportFiles.zipBomb("entries.json", 5); // 5 MB of zeros: ratio about 1000
        assertThat(reason(bomb)).isEqualTo(ImportRefused.Reason.UNSAFE_ARCHIVE);
        assertThat(reason(ImportFiles.declaring(bomb, 100))).isEqualTo(ImportRefused.Reason.UNSAFE_ARCHIVE);
        assertThat(reason(ImportFiles.zipBomb("entries.json", 11))).isEqualTo(ImportRefused.Reason.TOO_LARGE);
        assertThat(reason(ImportFiles.manyFiles(101))).isEqualTo(ImportRefused.Reason.TOO_LARGE);
        assertThat(reason(ImportFiles.asSymlinks(ImportFiles.zip(Map.of("a", new byte[] { 1 })))))
                .isEqualTo(ImportRefused.Reason.UNSAFE_ARCHIVE);
        assertThat(reason(new byte[] { 'P', 'K', 3, 4, 0, 0 })).isEqualTo(ImportRefused.Reason.MALFORMED);
    }

    @Test
    void aCorruptOrCutOffDeflateStreamIsAMalformedFileNotAnError() throws IOException {
        StringBuilder text = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        while (text.length() < 200_000) {
            text.append(Integer.toString(random.nextInt(1_000_000), 36)).append(' ');
        }
        byte[] zip = ImportFiles.zip(Map.of("entries.json", text.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] corrupt = zip.clone();
        for (int i = 80; i < 2_000; i += 7) {
            corrupt[i] = (byte) ~corrupt[i];
        }
        assertThat(reason(corrupt)).isEqualTo(ImportRefused.Reason.MALFORMED);
    }

    private ImportRefused.Reason reason(byte[] zip) throws IOException {
        Path file = write(zip);
        try {
            SafeArchive.unpack(file, LIMITS).close();
            return null;
        }
        catch (ImportRefused e) {
            return e.reason();
        }
    }

    private Path write(byte[] zip) throws IOException {
        Path file = Files.createTempFile(dir, "archive-", ".zip");
        Files.write(file, zip);
        return file;
    }
}
