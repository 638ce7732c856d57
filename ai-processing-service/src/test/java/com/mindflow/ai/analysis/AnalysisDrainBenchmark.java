package com.mindflow.ai.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
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
 * line includes the embedding done meanwhile). A benchmark, not in the suite: run with
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
            StringBuilder text = new StringBuilder();
            int words = 60 + random.nextInt(340);
            while (text.toString().split("\\s+").length < words) {
                text.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
            }
            Instant now = Instant.now();
            backlog.add(EventEnvelope.of(new JournalEntryCreated(UUID.randomUUID(), users.get(i % users.size()),
                    LocalDate.of(2026, 1, 1).plusDays(i / 20), "Entry " + i, text.toString(), Mood.NEUTRAL, List.of(),
                    null, null, words, 30, false, 1, now, now), "benchmark"));
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
