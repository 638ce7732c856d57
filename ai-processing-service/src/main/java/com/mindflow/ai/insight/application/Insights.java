package com.mindflow.ai.insight.application;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import com.mindflow.ai.analysis.application.AllAnalysesRemoved;
import com.mindflow.ai.analysis.application.AnalysedEntryChanged;
import com.mindflow.ai.insight.application.InsightLedger.InsightRecord;
import com.mindflow.ai.insight.application.InsightLedger.Status;
import com.mindflow.ai.insight.domain.EntryFact;
import com.mindflow.ai.insight.domain.InsightComposer;
import com.mindflow.ai.insight.domain.InsightPeriod;
import com.mindflow.ai.insight.domain.Phrases;
import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightType;
import com.mindflow.events.ai.InsightWithdrawn;

/**
 * The insight use cases: asking for one, forgetting one, rejecting a theme, and making one from the analysed entries.
 * An insight is made only from {@link EntryFacts}, so it never holds a word of a private entry; when findings change
 * (an entry edited, made private, deleted) the insights of those days are made again.
 */
@Service
public class Insights {

    private static final Logger log = LoggerFactory.getLogger(Insights.class);
    /** Suggestions compare days within at least this many, so a week's insight still has something to compare. */
    private static final int SUGGESTION_WINDOW_DAYS = 90;

    private final InsightComposer composer = new InsightComposer();
    private final InsightLedger ledger;
    private final EntryFacts facts;
    private final ThemeFeedback feedback;
    private final InsightStatus status;
    private final InsightEvents events;
    private final InsightSettings settings;
    private final InsightWork work;
    private final InsightSummaries summaries;
    private final Clock clock;

    Insights(InsightLedger ledger, EntryFacts facts, ThemeFeedback feedback, InsightStatus status,
            InsightEvents events, InsightSettings settings, InsightWork work, InsightSummaries summaries,
            Optional<Clock> clock) {
        this.ledger = ledger;
        this.facts = facts;
        this.feedback = feedback;
        this.status = status;
        this.events = events;
        this.settings = settings;
        this.work = work;
        this.summaries = summaries;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** A custom insight over the user's chosen days, made in the background; the period is already validated. */
    public UUID request(UUID userId, LocalDate start, LocalDate end) {
        if (ledger.openCustom(userId) >= settings.maxOpenCustom()) {
            throw new TooManyOpenInsights(settings.maxOpenCustom());
        }
        UUID id = UUID.randomUUID();
        ledger.requestCustom(id, userId, new InsightPeriod(InsightType.CUSTOM, start, end), clock.instant());
        status.set(id, userId, InsightStatus.State.PENDING);
        work.wake();
        return id;
    }

    /** "Forget this": the insight goes from the read side and is not made again. False when not the user's. */
    public boolean forget(UUID userId, UUID insightId) {
        if (!ledger.forget(insightId, userId)) {
            return false;
        }
        status.clear(insightId);
        events.publish(new InsightWithdrawn(insightId, userId, clock.instant()));
        return true;
    }

    /** "This theme is wrong": it is never offered again, and the insight is made again without it. */
    public boolean rejectTheme(UUID userId, UUID insightId, String theme) {
        if (ledger.find(insightId, userId).filter(r -> r.status() != Status.FORGOTTEN).isEmpty()) {
            return false;
        }
        feedback.reject(userId, InsightComposer.normal(theme), clock.instant());
        ledger.remake(insightId, userId);
        work.wake();
        return true;
    }

    /** Makes one claimed insight and publishes it; a periodic one without entries is not made (nor kept). */
    public void make(InsightRecord claimed) {
        InsightPeriod period = claimed.period();
        if (period.type() == InsightType.CUSTOM) {
            status.set(claimed.insightId(), claimed.userId(), InsightStatus.State.PROCESSING);
        }
        List<EntryFact> entries = facts.between(claimed.userId(), period.start(), period.end());
        List<EntryFact> recent = period.days() >= SUGGESTION_WINDOW_DAYS ? entries
                : facts.between(claimed.userId(), period.end().minusDays(SUGGESTION_WINDOW_DAYS - 1), period.end());
        Instant now = clock.instant();
        if (entries.isEmpty() && period.type() != InsightType.CUSTOM) {
            if (ledger.finish(claimed, Status.EMPTY, now) && claimed.published()) {
                events.publish(new InsightWithdrawn(claimed.insightId(), claimed.userId(), now));
            }
            return;
        }
        InsightGenerated insight = summaries.rewrite(composer.compose(claimed.insightId(), claimed.userId(), period,
                entries, recent, facts.before(claimed.userId(), period.start()), feedback.rejected(claimed.userId()),
                Phrases.of(facts.language(claimed.userId())), now));
        events.publish(insight);
        ledger.finish(claimed, Status.COMPLETED, now);
        log.debug("Made {} insight {} over {} entries", period.type().wireName(), claimed.insightId(),
                entries.size());
    }

    /** A failed attempt, retried later; the client sees the failure once no attempt is left. */
    public void failed(InsightRecord claimed, RuntimeException e) {
        log.warn("Insight {} failed (attempt {}): {}", claimed.insightId(), claimed.attempts(), e.toString());
        ledger.failed(claimed, settings.maxAttempts());
        if (claimed.attempts() >= settings.maxAttempts() && claimed.period().type() == InsightType.CUSTOM) {
            status.set(claimed.insightId(), claimed.userId(), InsightStatus.State.FAILED);
        }
    }

    /** Findings changed: the insights of those days are made again (at once when something was withdrawn). */
    @EventListener
    void on(AnalysedEntryChanged changed) {
        if (ledger.stale(changed.userId(), List.copyOf(changed.dates())) > 0 && changed.withdrawn()) {
            work.wake();
        }
    }

    /** Every finding of the user is gone: so are the insights' records (the read side drops the insights itself). */
    @EventListener
    void on(AllAnalysesRemoved removed) {
        ledger.removeAll(removed.userId()).forEach(status::clear);
        feedback.removeAll(removed.userId());
    }
}
