package com.mindflow.command.attachment.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import com.mindflow.command.attachment.domain.AttachmentRefused;
import com.mindflow.command.attachment.domain.AttachmentType;
import com.mindflow.testsupport.corpus.AttachmentCorpus;
import com.mindflow.testsupport.corpus.AttachmentCorpus.Sample;

/**
 * The thumbnailer against the hostile corpus: nothing in it yields a thumbnail, no decode takes more memory than
 * it reserved from the header, and the reservations together never pass the budget.
 */
class ThumbnailCorpusTest {

    @TempDir
    Path dir;

    @Test
    void everyHostileImageIsRefusedOrGetsNoThumbnail() throws Exception {
        Thumbnails thumbnails = new Thumbnails(ThumbnailSettings.defaults());
        for (Sample sample : images(AttachmentCorpus.hostile())) {
            Optional<Path> thumbnail;
            try {
                thumbnail = thumbnails.of(write(sample));
            }
            catch (AttachmentRefused refused) {
                continue;
            }
            assertThat(thumbnail).as(sample.toString()).isEmpty();
        }
    }

    @Test
    void soundPicturesStillGetAThumbnail() throws Exception {
        Thumbnails thumbnails = new Thumbnails(ThumbnailSettings.defaults());
        for (Sample sample : AttachmentCorpus.controls()) {
            assertThat(thumbnails.of(write(sample))).as(sample.toString()).isPresent();
        }
    }

    /**
     * With the bomb rule and the budget out of the way, every file the decoders accept is decoded again in a JVM
     * whose heap is only what its header made it reserve, on top of an idle JVM's own: an estimate too low fails
     * there with an OutOfMemoryError. (Allocation counters cannot tell this: the WebP decoder allocates 2 GB of
     * short-lived garbage for a decode that fits in 40 MB.)
     */
    @Test
    void noDecodeNeedsMoreHeapThanItsHeaderMadeItReserve() throws Exception {
        List<Sample> samples = new ArrayList<>(images(AttachmentCorpus.hostile()));
        samples.addAll(AttachmentCorpus.controls());
        int decoded = 0;
        for (Sample sample : samples) {
            Thumbnails thumbnails = new Thumbnails(PERMISSIVE);
            Path file = write(sample);
            try {
                thumbnails.of(file).ifPresent(ThumbnailCorpusTest::delete);
            }
            catch (AttachmentRefused refused) {
                continue; // refused from the header: it reserved nothing and decoded nothing
            }
            long reserved = thumbnails.memory().peakBytes();
            if (reserved == 0) {
                continue;
            }
            decoded++;
            long heapMb = (reserved >> 20) + IDLE_HEAP_MB;
            Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    DecodeProbe.class.getName(), file.toString()).redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes());
            assertThat(probe.waitFor()).as("%s decoded in a %d MB heap (reserved %d KB): %s", sample, heapMb,
                    reserved >> 10, output).isZero();
        }
        assertThat(decoded).isGreaterThanOrEqualTo(8);
    }

    /** Heap an idle JVM with ImageIO loaded needs before any decode. */
    static final long IDLE_HEAP_MB = 16;

    static final ThumbnailSettings PERMISSIVE = new ThumbnailSettings(DataSize.ofGigabytes(2), 1,
            Duration.ofSeconds(1), Long.MAX_VALUE, Long.MAX_VALUE);

    /** Runs one decode in its own JVM: exit 0 when it fitted. */
    static final class DecodeProbe {

        public static void main(String[] args) throws Exception {
            try {
                new Thumbnails(PERMISSIVE).of(Path.of(args[0])).ifPresent(ThumbnailCorpusTest::delete);
            }
            catch (OutOfMemoryError e) {
                System.out.println("OutOfMemoryError: " + e.getMessage());
                System.exit(3);
            }
            System.exit(0);
        }
    }

    @Test
    void concurrentDecodesWaitForEachOtherWithinTheBudget() throws Exception {
        // Room for one 6000 x 6000 PNG decode (5.6 MB) at a time.
        ThumbnailSettings oneAtATime = new ThumbnailSettings(DataSize.ofMegabytes(8), 4, Duration.ofSeconds(60),
                Long.MAX_VALUE, Long.MAX_VALUE);
        Thumbnails thumbnails = new Thumbnails(oneAtATime);
        Sample big = images(AttachmentCorpus.hostile()).getFirst();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Optional<Path>>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path file = write(big);
                results.add(pool.submit(() -> thumbnails.of(file)));
            }
            for (Future<Optional<Path>> result : results) {
                assertThat(result.get()).isPresent();
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(thumbnails.memory().peakBytes()).isPositive().isLessThanOrEqualTo(DataSize.ofMegabytes(8).toBytes());
    }

    @Test
    void aDecodeThatDoesNotFitTheBudgetIsSkippedNotAttempted() throws Exception {
        ThumbnailSettings small = new ThumbnailSettings(DataSize.ofMegabytes(16), 2, Duration.ofMillis(100),
                Long.MAX_VALUE, Long.MAX_VALUE);
        Thumbnails thumbnails = new Thumbnails(small);
        Sample lossless = AttachmentCorpus.hostile().stream().filter(s -> s.name().equals("webp-lossless-6000.webp"))
                .findFirst().orElseThrow();
        assertThat(thumbnails.of(write(lossless))).isEmpty();
        assertThat(thumbnails.memory().peakBytes()).isZero();
    }

    private static List<Sample> images(List<Sample> samples) {
        return samples.stream().filter(s -> AttachmentType.sniff(s.bytes(), Math.min(s.bytes().length,
                AttachmentType.SIGNATURE_LENGTH)).map(AttachmentType::isImage).orElse(false)).toList();
    }

    private Path write(Sample sample) throws Exception {
        return Files.write(Files.createTempFile(dir, "corpus-", "-" + sample.name()), sample.bytes());
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
