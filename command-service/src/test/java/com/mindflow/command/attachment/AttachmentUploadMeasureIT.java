package com.mindflow.command.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.mindflow.command.ApiTestBase;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/**
 * Measures what a large upload costs: a 10 MB photo (decoded for its thumbnail) and a 50 MB PDF, each through HTTP,
 * the temp file, S3 and PostgreSQL. Prints wall time, the bytes the JVM allocated meanwhile and the process RSS, and
 * checks the one property that matters: a file is never held in the heap whole.
 */
class AttachmentUploadMeasureIT extends ApiTestBase {

    static final Servers SERVERS = LocalStack.servers();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int RUNS = 3;

    @Test
    void measuresA10MegabytePhotoAndA50MegabytePdf() throws Exception {
        UUID user = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, email, password_hash, display_name) VALUES (?, ?, 'x', 'Measure')")
                .params(user, "measure-" + user + "@example.com").update();
        String sid = UUID.randomUUID().toString();
        redis.opsForHash().putAll("session:" + sid, Map.of("userId", user.toString(), "roles", "user"));
        // A verified account: the measurement stores more than the 100 MB an unverified one may.
        String token = ISSUER.rs256(ISSUER.claims(user, sid).claim("email_verified", true).build());

        Path photo = noisePng(2048, 1700);
        Path pdf = Files.createTempFile("measure-", ".pdf");
        try (RandomAccessFile out = new RandomAccessFile(pdf.toFile(), "rw")) {
            out.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
            out.setLength(52_428_800L);
        }
        upload(user, token, pdf, 0); // warm-up: class loading, connection pools, JIT

        Result photoResult = measure(user, token, photo, 1);
        Result pdfResult = measure(user, token, pdf, 1 + RUNS);
        System.out.printf("%nATTACHMENT UPLOAD MEASUREMENT (%d runs each, median)%n%s%n%s%n", RUNS, photoResult,
                pdfResult);

        // The server streams the file through small buffers (it allocates about the file's size in passing), but
        // never holds it whole: G1 puts an array that large straight into the old generation, which hardly grows.
        assertThat(pdfResult.oldGenGrowthMb).isLessThan(25);
        Files.delete(photo);
        Files.delete(pdf);
    }

    Result measure(UUID user, String token, Path file, int firstDay) throws Exception {
        long[] millis = new long[RUNS];
        long[] allocated = new long[RUNS];
        long[] oldGrowth = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            System.gc();
            OldGenPeak peak = OldGenPeak.start();
            long allocatedBefore = allocatedBytes();
            long start = System.nanoTime();
            upload(user, token, file, firstDay + i);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            allocated[i] = allocatedBytes() - allocatedBefore;
            oldGrowth[i] = peak.stop();
        }
        Arrays.sort(millis);
        Arrays.sort(allocated);
        Arrays.sort(oldGrowth);
        return new Result(file.getFileName().toString(), Files.size(file), millis[RUNS / 2],
                allocated[RUNS / 2] / (1024 * 1024), oldGrowth[RUNS - 1] / (1024 * 1024), rssMb("VmRSS"),
                rssMb("VmHWM"));
    }

    void upload(UUID user, String token, Path file, int day) throws Exception {
        UUID entry = UUID.randomUUID();
        jdbc.sql("INSERT INTO journal_entries (id, user_id, date, title, content) VALUES (?, ?, ?, 'M', 'M')")
                .params(entry, user, LocalDate.of(2020, 1, 1).plusDays(day)).update();
        String boundary = "measure-" + UUID.randomUUID();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/journals/" + entry + "/attachments"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(2))
                .POST(AttachmentsIT.multipart(boundary, file, file.getFileName().toString(), "application/octet-stream"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /**
     * Bytes the JVM allocated (virtual request threads included) less what the test's own HTTP client allocated on
     * its threads (it takes a fresh buffer for every chunk it sends): Tomcat's multipart parsing, the copy, sniffing,
     * the thumbnail, the S3 upload and the database work, plus a little background noise (Kafka, pools).
     */
    static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long client = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("HttpClient")
                    || info.getThreadId() == Thread.currentThread().threadId())) {
                client += Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        return threads.getTotalThreadAllocatedBytes() - client;
    }

    static long rssMb(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field + ":"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1);
    }

    /** Random pixels do not compress: about 3 bytes a pixel, so 2048 x 1700 is a 10 MB PNG. */
    static Path noisePng(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        Path file = Files.createTempFile("measure-", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    record Result(String file, long bytes, long medianMillis, long allocatedMb, long oldGenGrowthMb, long rssMb,
            long peakRssMb) {

        @Override
        public String toString() {
            return String.format("%-6s %5.1f MB  %5d ms  allocated %3d MB  old-gen peak growth %3d MB  RSS %4d MB "
                    + "(peak %4d MB)", file.endsWith(".png") ? "photo" : "pdf", bytes / 1048576.0, medianMillis,
                    allocatedMb, oldGenGrowthMb, rssMb, peakRssMb);
        }
    }

    /** Samples the old generation (where G1 puts humongous arrays at once) every millisecond during an upload. */
    static final class OldGenPeak {

        private final MemoryPoolMXBean pool = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().contains("Old Gen") || p.getName().contains("Tenured")).findFirst()
                .orElseThrow();
        private final long baseline = pool.getUsage().getUsed();
        private volatile boolean running = true;
        private volatile long peak = baseline;
        private final Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (running) {
                peak = Math.max(peak, pool.getUsage().getUsed());
                LockSupport.parkNanos(1_000_000);
            }
        });

        static OldGenPeak start() {
            return new OldGenPeak();
        }

        long stop() throws InterruptedException {
            running = false;
            sampler.join();
            return Math.max(0, peak - baseline);
        }
    }
}
