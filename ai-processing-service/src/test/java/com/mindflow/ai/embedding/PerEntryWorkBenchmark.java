package com.mindflow.ai.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.ai.analysis.domain.EntryAnalyser;
import com.mindflow.ai.analysis.domain.Language;
import com.mindflow.events.ai.JournalEntryEmbedded;

/**
 * The CPU work the service does for one entry, warm: analysis (language, sentiment, key phrases) plus chunking and
 * embedding every passage with the real model, over 500 entries of 60–400 words (English and Portuguese, built from
 * the labelled sentences). Prints {@code PER-ENTRY ...} with p50/p99, single-thread throughput and the process CPU per
 * entry; Kafka and Redis round trips are not in it. A benchmark, not part of the suite: run it with
 * {@code ./mvnw -o -pl ai-processing-service test -Dtest=PerEntryWorkBenchmark}. It checks only that every entry got
 * its vectors, never how fast.
 */
class PerEntryWorkBenchmark {

    @Test
    void warmPerEntryWork() throws Exception {
        EntryAnalyser analyser = new EntryAnalyser();
        // -Dthreads=1 measures one passage after the other, as before the passages were spread.
        EntryEmbeddings embeddings = new EntryEmbeddings(new MiniLmEmbedder(Integer.getInteger("threads", 2)),
                Optional.empty());
        List<String> sentences = new ArrayList<>();
        for (String language : List.of("en", "pt")) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    getClass().getResourceAsStream("/sentiment/" + language + ".tsv"), StandardCharsets.UTF_8))) {
                in.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .map(line -> line.substring(line.lastIndexOf('\t') + 1)).forEach(sentences::add);
            }
        }
        Random random = new Random(7);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            int words = 60 + random.nextInt(340);
            while (text.toString().split("\\s+").length < words) {
                text.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
            }
            entries.add(text.toString());
        }
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 300; i++) {
            work(analyser, embeddings, user, entries.get(i % entries.size()));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long[] nanos = new long[entries.size()];
        int chunks = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < entries.size(); i++) {
            long start = System.nanoTime();
            chunks += work(analyser, embeddings, user, entries.get(i)).chunks().size();
            nanos[i] = System.nanoTime() - start;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / entries.size();
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "PER-ENTRY entries=%d chunks=%d p50=%.1f ms p99=%.1f ms max=%.1f ms "
                        + "throughput=%.0f entries/s cpu=%.1f ms/entry (%d cores) native=%d MB%n", nanos.length, chunks,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6,
                nanos.length / seconds, cpuMs, Runtime.getRuntime().availableProcessors(), nativeMegabytes());
        assertThat(chunks).isGreaterThanOrEqualTo(entries.size());
    }

    /** Resident memory outside the Java heap (the model session's arenas among it): RSS less the heap in use. */
    private static long nativeMegabytes() throws java.io.IOException {
        long rssKb = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(0);
        Runtime runtime = Runtime.getRuntime();
        return rssKb / 1024 - (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    private static JournalEntryEmbedded work(EntryAnalyser analyser, EntryEmbeddings embeddings, UUID user,
            String text) {
        analyser.analyse("A day", text, Language.ENGLISH);
        return embeddings.embed(UUID.randomUUID(), user, 1, LocalDate.of(2026, 1, 1), "A day", text);
    }
}
