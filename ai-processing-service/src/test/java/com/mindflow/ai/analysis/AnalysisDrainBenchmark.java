package com.mindflow.ai.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.mindflow.ai.AiProcessingIT;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.Mood;

/**
 * How fast a backlog drains through the real consumer: 600 entries of 60–400 words from 20 users are put on
 * {@code mindflow.journal-entries.v1} first, then the clock runs until every one has been analysed (Redis status,
 * the findings row and {@code JournalEntryAnalysed} included) and, by the embedding consumer group, embedded and
 * published. Printed as {@code DRAIN analysis ...} and {@code DRAIN embedding ...}, each with the process CPU per
 * entry until then (this JVM also runs the test's producer and reader; the two groups run at once, so the analysis
 * line includes the embedding done meanwhile). {@link #drainsAnImportBehindLiveEntries} does the same for an import in
 * the bulk lane, with live entries written meanwhile. A benchmark, not in the suite: run with
 * {@code ./mvnw -o -B verify -pl ai-processing-service -Dit.test=AnalysisDrainBenchmark -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false}. It checks only that every entry was embedded, never how fast.
 */
class AnalysisDrainBenchmark extends AiProcessingIT {

    private static final String[] SENTENCES = {
            "Today was a really good day and I finally finished the garden fence.",
            "I feel exhausted and nothing went right at work.",
            "Went to the supermarket and bought rice, beans and a bag of apples.",
            "Had a lovely dinner with my sister, we laughed about our childhood.",
            "The meeting ran long and my manager did not like the new plan.",
            "Walked the dog by the river while the sun came up over the bridge.",
            "Estou muito feliz com o jantar de ontem com os meus amigos.",
            "Não dormi bem e passei o dia cansada e sem paciência.",
            "Read two chapters of my book on the train home.",
            "I am worried about the exam next week but I studied a lot today."};

    @Test
    void drainsABacklog() {
        Random random = new Random(3);
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(UUID.randomUUID());
        }
        listeners.getListenerContainers().forEach(container -> container.pause());
        List<EventEnvelope<JournalEntryCreated>> backlog = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String text = text(random);
            Instant now = Instant.now();
            backlog.add(EventEnvelope.of(new JournalEntryCreated(UUID.randomUUID(), users.get(i % users.size()),
                    LocalDate.of(2026, 1, 1).plusDays(i / 20), "Entry " + i, text, Mood.NEUTRAL, List.of(),
                    null, null, text.split("\\s+").length, 30, false, 1, now, now), "benchmark"));
        }
        backlog.forEach(this::publish);
        Set<UUID> wanted = backlog.stream().map(e -> e.payload().entryId()).collect(Collectors.toSet());

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        listeners.getListenerContainers().forEach(container -> container.resume());
        eventually().atMost(java.time.Duration.ofMinutes(3)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> count(wanted, JournalEntryAnalysed.class) == wanted.size());
        report("analysis", wanted.size(), t0, cpu0, os);
        eventually().atMost(java.time.Duration.ofMinutes(3)).until(() -> count(wanted, JournalEntryEmbedded.class)
                == wanted.size());
        report("embedding", wanted.size(), t0, cpu0, os);
        assertThat(count(wanted, JournalEntryEmbedded.class)).isEqualTo(wanted.size());
    }

    /**
     * An import of 10,000 entries (60–400 words, one user, marked as a bulk write's) drains through the bulk lane
     * while a user on the same partition writes a live entry every second: prints {@code IMPORT live ...} with the
     * live entries' time to their analysis and to their passages (p50, max), and {@code DRAIN import ...} as above.
     */
    @Test
    void drainsAnImportBehindLiveEntries() throws InterruptedException {
        Random random = new Random(5);
        UUID importer = UUID.randomUUID();
        UUID neighbour = onThePartitionOf(importer);
        int size = Integer.getInteger("import.entries", 10_000);
        Set<UUID> imported = new HashSet<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String text = text(random);
            Instant now = Instant.now();
            UUID id = UUID.randomUUID();
            imported.add(id);
            sent.add(send(EventEnvelope.of(new JournalEntryCreated(id, importer, LocalDate.of(1990, 1, 1).plusDays(i),
                    "Imported " + i, text, Mood.NEUTRAL, List.of(), null, null, text.split("\\s+").length, 30,
                    false, 1, now, now), "benchmark"), true));
        }
        sent.forEach(CompletableFuture::join);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Arrivals arrivals = new Arrivals();
        List<Long> toAnalysis = new ArrayList<>();
        List<Long> toPassages = new ArrayList<>();
        int day = 0;
        while (arrivals.count(imported, JournalEntryEmbedded.class) < size
                && System.nanoTime() - t0 < java.time.Duration.ofMinutes(15).toNanos()) {
            String text = text(random);
            Instant now = Instant.now();
            UUID live = UUID.randomUUID();
            long sentAt = System.nanoTime();
            publish(EventEnvelope.of(new JournalEntryCreated(live, neighbour, LocalDate.of(2026, 1, 1)
                    .plusDays(day++), "Live", text, Mood.NEUTRAL, List.of(), null, null, text.split("\\s+").length,
                    30, false, 1, now, now), "benchmark"));
            while (arrivals.at(live, JournalEntryEmbedded.class) == null
                    && System.nanoTime() - sentAt < java.time.Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(5);
                arrivals.catchUp();
            }
            toAnalysis.add(Objects.requireNonNull(arrivals.at(live, JournalEntryAnalysed.class),
                    "a live entry not analysed within a minute") - sentAt);
            toPassages.add(Objects.requireNonNull(arrivals.at(live, JournalEntryEmbedded.class),
                    "a live entry not embedded within a minute") - sentAt);
            Thread.sleep(1000);
            arrivals.catchUp();
        }
        report("import", size, t0, cpu0, os);
        Collections.sort(toAnalysis);
        Collections.sort(toPassages);
        System.out.printf(Locale.ROOT, "IMPORT live entries=%d analysed p50=%.0f ms max=%.0f ms, passages p50=%.0f ms"
                        + " max=%.0f ms; import analysed %d, embedded %d of %d%n", toAnalysis.size(),
                toAnalysis.get(toAnalysis.size() / 2) / 1e6, toAnalysis.getLast() / 1e6,
                toPassages.get(toPassages.size() / 2) / 1e6, toPassages.getLast() / 1e6,
                arrivals.count(imported, JournalEntryAnalysed.class),
                arrivals.count(imported, JournalEntryEmbedded.class), size);
        assertThat(arrivals.count(imported, JournalEntryEmbedded.class)).isEqualTo(size);
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int words = 60 + random.nextInt(340);
        while (text.toString().split("\\s+").length < words) {
            text.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
        }
        return text.toString();
    }

    /** When each entry's analysis and passages were first seen, read from the collected events as they grow. */
    private static final class Arrivals {

        private final Map<Class<?>, Map<UUID, Long>> seen = new HashMap<>();
        private int read;

        void catchUp() {
            long now = System.nanoTime();
            for (; read < OUT.size(); read++) {
                Object payload = OUT.get(read).payload();
                if (payload instanceof JournalEntryAnalysed || payload instanceof JournalEntryEmbedded) {
                    seen.computeIfAbsent(payload.getClass(), type -> new HashMap<>())
                            .putIfAbsent(OUT.get(read).aggregateId(), now);
                }
            }
        }

        Long at(UUID entry, Class<?> type) {
            return seen.getOrDefault(type, Map.of()).get(entry);
        }

        long count(Set<UUID> entries, Class<?> type) {
            catchUp();
            return seen.getOrDefault(type, Map.of()).keySet().stream().filter(entries::contains).count();
        }
    }

    private static void report(String what, int entries, long t0, long cpu0,
            com.sun.management.OperatingSystemMXBean os) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / entries;
        System.out.printf(Locale.ROOT, "DRAIN %s entries=%d seconds=%.1f throughput=%.0f entries/s cpu=%.1f ms/entry%n",
                what, entries, seconds, entries / seconds, cpuMs);
    }

    private static long count(Set<UUID> wanted, Class<?> type) {
        return OUT.stream().filter(e -> type.isInstance(e.payload()) && wanted.contains(e.aggregateId())).count();
    }
}
