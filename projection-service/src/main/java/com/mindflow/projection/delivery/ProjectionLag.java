package com.mindflow.projection.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code mindflow.projection.lag}: time from an event's occurrence (the write's commit) to the moment a sink applied
 * it, per sink, with p50 and p99 published for Prometheus.
 */
@Component
public class ProjectionLag {

    public static final String METRIC = "mindflow.projection.lag";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ProjectionLag(MeterRegistry registry) {
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    public void applied(String sink, Instant occurredAt) {
        Duration lag = Duration.between(occurredAt, clock.instant());
        // A producer clock slightly ahead would give a negative lag; count it as none.
        timer(sink).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    private Timer timer(String sink) {
        return timers.computeIfAbsent(sink, name -> Timer.builder(METRIC)
                .description("Time from an event's occurrence to the moment a projection sink applied it")
                .tag("sink", name)
                .publishPercentiles(0.5, 0.99)
                .register(registry));
    }
}
