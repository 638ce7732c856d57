package com.mindflow.ai.insight.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mindflow.ai.insight.domain.InsightPeriod;
import com.mindflow.events.ai.InsightType;

/**
 * Owes each account its weekly, monthly and yearly insight once the period has closed at the account's own midnight.
 * Runs every few minutes and at start, so periods that closed while the service was down are caught up; the ledger's
 * unique period index means two instances never owe (nor make) the same insight twice.
 */
@Component
public class InsightSchedule {

    private static final Logger log = LoggerFactory.getLogger(InsightSchedule.class);

    private final InsightLedger ledger;
    private final InsightWork work;
    private final Clock clock;

    InsightSchedule(InsightLedger ledger, InsightWork work, Optional<Clock> clock) {
        this.ledger = ledger;
        this.work = work;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(initialDelayString = "${mindflow.insights.schedule-first:10s}",
            fixedDelayString = "${mindflow.insights.schedule-every:5m}")
    public void closePeriods() {
        try {
            int owed = 0;
            for (ZoneId zone : ledger.zones()) {
                LocalDate today = LocalDate.now(clock.withZone(zone));
                for (InsightType type : new InsightType[] {InsightType.WEEKLY, InsightType.MONTHLY, InsightType.YEARLY}) {
                    owed += ledger.schedule(zone, InsightPeriod.lastClosed(type, today), clock.instant());
                }
            }
            if (owed > 0) {
                log.info("{} insights owed for periods that closed", owed);
                work.wake();
            }
        }
        catch (RuntimeException e) {
            log.warn("Insight schedule skipped: {}", e.toString());
        }
    }
}
