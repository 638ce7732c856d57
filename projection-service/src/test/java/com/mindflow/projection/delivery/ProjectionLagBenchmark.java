package com.mindflow.projection.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;

/**
 * A steady 100 events per second for 3 seconds; for each entry, the time from its publication to visible in
 * {@code journals_view} and to searchable (found by a search, i.e. after the index refresh), polled every 10 ms.
 * Printed as {@code LAG ...}. A benchmark, not part of the test suite (failsafe runs {@code *IT}): run it with
 * {@code ./mvnw -pl projection-service -am verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ProjectionLagBenchmark}. It checks only that every event became visible, never how fast.
 */
class ProjectionLagBenchmark extends ProjectionTest {

    @Autowired
    private ElasticsearchClient elasticsearch;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void publicationToReadModelAndToSearchableAtOneHundredEventsPerSecond() throws Exception {
        List<Events> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(new Events());
        }
        // Warm-up: whatever backlog the groups have (other tests' events) is worked off before measuring.
        Events warmUp = new Events();
        UUID marker = UUID.randomUUID();
        publish(warmUp.created(marker, LocalDate.of(2024, 12, 31), "warm-up", "warm-up", Mood.HAPPY, List.of("load")));
        eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", marker)
                .query(Long.class).single() == 1
                && elasticsearch.get(g -> g.index(JournalSearchIndex.ALIAS).id(marker.toString())
                        .routing(JournalSearchIndex.routing(warmUp.userId())), Void.class).found());

        Map<UUID, Long> sent = new ConcurrentHashMap<>();
        Map<UUID, Long> inReadModel = new ConcurrentHashMap<>();
        Map<UUID, Long> searchable = new ConcurrentHashMap<>();
        int total = 300;
        Thread poller = Thread.ofVirtual().start(() -> {
            while (inReadModel.size() < total || searchable.size() < total) {
                try {
                    List<UUID> pending = sent.keySet().stream().filter(id -> !inReadModel.containsKey(id)).toList();
                    if (!pending.isEmpty()) {
                        long now = System.nanoTime();
                        read.sql("SELECT id FROM journals_view WHERE id = ANY(:ids)")
                                .param("ids", pending.toArray(UUID[]::new)).query(UUID.class).list()
                                .forEach(id -> inReadModel.putIfAbsent(id, now));
                    }
                    List<FieldValue> unsearchable = sent.keySet().stream().filter(id -> !searchable.containsKey(id))
                            .map(id -> FieldValue.of(id.toString())).toList();
                    if (!unsearchable.isEmpty()) {
                        long now = System.nanoTime();
                        elasticsearch.search(s -> s.index(JournalSearchIndex.ALIAS).size(unsearchable.size())
                                        .source(src -> src.fetch(false))
                                        .query(q -> q.terms(t -> t.field("id").terms(v -> v.value(unsearchable)))),
                                Void.class).hits().hits()
                                .forEach(hit -> searchable.putIfAbsent(UUID.fromString(hit.id()), now));
                    }
                    Thread.sleep(10);
                }
                catch (InterruptedException e) {
                    return;
                }
                catch (Exception e) {
                    // keep polling
                }
            }
        });

        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            Events user = users.get(i % users.size());
            UUID entry = UUID.randomUUID();
            sent.put(entry, System.nanoTime());
            publish(user.created(entry, LocalDate.of(2025, 1, 1).plusDays(i), "Entry " + i,
                    "steady load content number " + i, Mood.values()[i % Mood.values().length], List.of("load")));
            long wait = start + TimeUnit.MILLISECONDS.toNanos(10L * (i + 1)) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        poller.join(TimeUnit.SECONDS.toMillis(60));
        poller.interrupt();

        long[] readModel = lags(sent, inReadModel);
        long[] search = lags(sent, searchable);
        System.out.printf("LAG publish-to-read-model (n=%d): p50=%d ms p99=%d ms max=%d ms%n", readModel.length,
                percentile(readModel, 0.5), percentile(readModel, 0.99), readModel[readModel.length - 1]);
        System.out.printf("LAG publish-to-searchable (n=%d): p50=%d ms p99=%d ms max=%d ms%n", search.length,
                percentile(search, 0.5), percentile(search, 0.99), search[search.length - 1]);
        for (String sink : List.of("read-model", "search")) {
            var timer = registry.find(ProjectionLag.METRIC).tag("sink", sink).timer();
            if (timer != null) {
                StringBuilder line = new StringBuilder("LAG metric " + sink + " (event time to applied):");
                for (var p : timer.takeSnapshot().percentileValues()) {
                    line.append(String.format(" p%.0f=%.0f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
                }
                System.out.println(line);
            }
        }
        assertThat(readModel).hasSize(total);
        assertThat(search).hasSize(total);
    }

    private static long[] lags(Map<UUID, Long> sent, Map<UUID, Long> seen) {
        return seen.entrySet().stream()
                .mapToLong(e -> TimeUnit.NANOSECONDS.toMillis(e.getValue() - sent.get(e.getKey())))
                .sorted().toArray();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
