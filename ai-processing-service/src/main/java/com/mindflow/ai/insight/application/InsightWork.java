package com.mindflow.ai.insight.application;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mindflow.ai.insight.application.InsightLedger.InsightRecord;

import jakarta.annotation.PreDestroy;

/**
 * Makes the insights the ledger owes, a batch at a time, custom ones first (someone is waiting). Polls, and is woken
 * at once when a user asks for one or an entry was withdrawn. Claims come from the database, so any number of
 * instances share the work, and an instance that dies mid-way has its claims taken over after the lease.
 */
@Component
public class InsightWork {

    private static final Logger log = LoggerFactory.getLogger(InsightWork.class);
    private static final int BATCH = 20;

    private final InsightLedger ledger;
    private final ObjectProvider<Insights> insights;
    private final InsightSettings settings;
    private final Clock clock;
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("insight-work").daemon().factory());

    InsightWork(InsightLedger ledger, ObjectProvider<Insights> insights, InsightSettings settings,
            Optional<Clock> clock) {
        this.ledger = ledger;
        this.insights = insights;
        this.settings = settings;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Asks for a drain soon, on the worker's own thread (never the caller's: a request or a Kafka listener). */
    public void wake() {
        again.set(true);
        waker.execute(this::drain);
    }

    @Scheduled(initialDelayString = "${mindflow.insights.poll-every:5s}",
            fixedDelayString = "${mindflow.insights.poll-every:5s}")
    void poll() {
        drain();
    }

    void drain() {
        if (!draining.tryLock()) {
            return; // the running drain sees the wake-up flag and goes round again
        }
        try {
            do {
                again.set(false);
                List<InsightRecord> claimed;
                do {
                    claimed = ledger.claim(BATCH, settings.lease(), clock.instant());
                    claimed.forEach(this::makeOne);
                } while (claimed.size() == BATCH);
            } while (again.get());
        }
        catch (RuntimeException e) {
            // The store is away: the next poll tries again; claims taken meanwhile are released by their lease.
            log.warn("Insight work paused: {}", e.toString());
        }
        finally {
            draining.unlock();
        }
    }

    private void makeOne(InsightRecord claimed) {
        try {
            insights.getObject().make(claimed);
        }
        catch (RuntimeException e) {
            insights.getObject().failed(claimed, e);
        }
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
    }
}
