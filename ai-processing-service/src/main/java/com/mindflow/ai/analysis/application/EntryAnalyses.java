package com.mindflow.ai.analysis.application;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.ai.analysis.domain.EntryAnalyser;
import com.mindflow.ai.analysis.domain.EntryAnalyser.EntryAnalysis;
import com.mindflow.ai.analysis.domain.Language;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.Sentiment;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntrySnapshot;
import com.mindflow.events.user.UserConsentUpdated;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.events.user.UserProfileUpdated;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettingsUpdated;

/**
 * The per-entry analysis use case: which event leads to an analysis, which to a withdrawal, and which to nothing.
 * Privacy first: a private entry, or any entry of a user in private mode, without data-processing consent or erased,
 * is never read; making an entry private, turning private mode on or withdrawing consent withdraws what was derived.
 * Logs name ids and versions only, never a word of an entry.
 */
@Service
public class EntryAnalyses {

    private static final Logger log = LoggerFactory.getLogger(EntryAnalyses.class);

    /** Withdrawals a sweep publishes before waiting for the broker's acknowledgement of them all. */
    private static final int SWEEP_BATCH = 500;

    private final EntryAnalyser analyser = new EntryAnalyser();
    private final AnalysisStatus status;
    private final AccountRecords accounts;
    private final AnalysisEvents events;
    private final AnalysedEntries analysed;
    private final ApplicationEventPublisher changes;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EntryAnalyses(AnalysisStatus status, AccountRecords accounts, AnalysisEvents events, AnalysedEntries analysed,
            ApplicationEventPublisher changes, PlatformTransactionManager transactions, Optional<Clock> clock) {
        this.transactions = new TransactionTemplate(transactions);
        this.status = status;
        this.accounts = accounts;
        this.events = events;
        this.analysed = analysed;
        this.changes = changes;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** An event read in order with the user's account events, by the live analysis consumer. */
    public void apply(EventEnvelope<?> envelope) {
        apply(envelope, false);
    }

    /**
     * An event read behind the live ones, by a consumer next to the live one (an import's lane, a rebuild's replay):
     * a withdrawal the live consumer records while an entry is analysed here is published again after the analysis.
     */
    public void applyBehind(EventEnvelope<?> envelope) {
        apply(envelope, true);
    }

    private void apply(EventEnvelope<?> envelope, boolean behind) {
        boolean changed = recordAccount(envelope.payload());
        switch (envelope.payload()) {
            case JournalEntrySnapshot entry -> entryChanged(envelope, entry, behind);
            case JournalEntryDeleted deleted -> withdraw(envelope, deleted.entryId(), deleted.userId(), deleted.version());
            case UserSettingsUpdated settings -> {
                // Withdrawn whenever the event says so, not only on a change: a redelivery after a failed publish
                // finds the row changed already, and the consumers of the withdrawal are idempotent.
                if (settings.settings().privateMode()) {
                    if (changed) {
                        log.info("User {} turned private mode on: withdrawing every analysis", settings.userId());
                    }
                    withdrawAll(envelope, settings.userId());
                }
            }
            case UserRegistered registered -> {
                if (registered.settings().privateMode() || !registered.consent().dataProcessingConsent()) {
                    // An entry of the new account may have overtaken this event (another topic): undo its analysis.
                    withdrawAll(envelope, registered.userId());
                }
            }
            case UserConsentUpdated consent -> {
                if (!consent.consent().dataProcessingConsent()) {
                    // GDPR Art. 7(3): processing on consent stops when it is withdrawn, and so do its results.
                    log.info("User {} withdrew data-processing consent: withdrawing every analysis", consent.userId());
                    withdrawAll(envelope, consent.userId());
                }
            }
            // Every consumer erases its own rows on UserDeleted; here the findings go and the account is marked.
            case UserDeleted deleted -> {
                analysed.erase(deleted.userId());
                changes.publishEvent(new AllAnalysesRemoved(deleted.userId()));
            }
            default -> {
            }
        }
    }

    /**
     * Keeps what the privacy gate must know of an account (private mode, consent, erasure, language, zone) up to date;
     * true when the event changed it. Every consumer of this service that reads entries records the account events
     * it reads, so its gate never waits for another consumer: the records are guarded by the events' times.
     */
    public boolean recordAccount(Object event) {
        boolean changed = recordGate(event);
        switch (event) {
            case UserRegistered registered -> accounts.profile(registered.userId(), registered.language(),
                    registered.timezone());
            case UserProfileUpdated profile -> accounts.profile(profile.userId(), profile.language(),
                    profile.timezone());
            default -> {
            }
        }
        return changed;
    }

    /**
     * Only what the privacy gate decides on (private mode, consent, erasure), each guarded by its event's time: for
     * a consumer that may read old account events again (a new group starting at the beginning of the topic), whose
     * copy of a language or zone must not overwrite a newer one.
     */
    public boolean recordGate(Object event) {
        return switch (event) {
            case UserSettingsUpdated settings -> accounts.privateMode(settings.userId(),
                    settings.settings().privateMode(), settings.updatedAt());
            case UserRegistered registered -> {
                boolean changed = accounts.privateMode(registered.userId(), registered.settings().privateMode(),
                        registered.createdAt());
                changed |= accounts.processingConsent(registered.userId(),
                        registered.consent().dataProcessingConsent(), registered.createdAt());
                yield changed;
            }
            case UserConsentUpdated consent -> accounts.processingConsent(consent.userId(),
                    consent.consent().dataProcessingConsent(), consent.updatedAt());
            case UserDeleted deleted -> {
                accounts.erased(deleted.userId(), deleted.deletedAt());
                yield true;
            }
            default -> false;
        };
    }

    /**
     * The privacy gate every reader of an entry's words passes: not private, and its user neither in private mode,
     * without data-processing consent nor erased, now or when the entry was written.
     */
    public boolean mayRead(JournalEntrySnapshot entry) {
        return !entry.isPrivate()
                && !accounts.find(entry.userId()).map(AccountRecords.Account::excluded).orElse(false)
                && !accounts.excludedAt(entry.userId(), entry.updatedAt());
    }

    /** Analyses the entry and publishes the result; stale analyses are for the consumers to drop (by version). */
    private void analyse(EventEnvelope<?> envelope, JournalEntrySnapshot entry, boolean behind) {
        status.set(entry.entryId(), AnalysisStatus.State.PROCESSING);
        Language fallback = accounts.find(entry.userId()).map(AccountRecords.Account::language)
                .filter("pt"::equals).map(code -> Language.PORTUGUESE).orElse(Language.ENGLISH);
        long t0 = System.nanoTime();
        EntryAnalysis analysis = analyser.analyse(entry.title(), entry.content(), fallback);
        long micros = (System.nanoTime() - t0) / 1000;
        // The passages and their vectors for semantic search are another consumer's work (EntryEmbeddingWork):
        // embedding costs 30–50 times the analysis, and a backlog of it must not hold the analyses back.
        events.publish(envelope, new JournalEntryAnalysed(entry.entryId(), entry.userId(), entry.version(),
                analysis.sentimentScore(), Sentiment.valueOf(analysis.label().name()), analysis.keyPhrases(),
                analysis.language().code(), clock.instant()));
        // The findings and the periods they make stale, in one commit.
        transactions.executeWithoutResult(tx -> {
            Set<LocalDate> dates = new HashSet<>(Set.of(entry.date()));
            analysed.record(new AnalysedEntries.AnalysedEntry(entry.entryId(), entry.userId(), entry.version(),
                    entry.date(), entry.wordCount(), entry.mood(), entry.tags(), entry.weather(),
                    analysis.sentimentScore(), analysis.keyPhrases())).ifPresent(dates::add);
            changes.publishEvent(new AnalysedEntryChanged(entry.userId(), dates, false));
        });
        status.set(entry.entryId(), AnalysisStatus.State.COMPLETED);
        log.debug("Analysed entry {} v{} in {} µs: {} {}", entry.entryId(), entry.version(), micros,
                analysis.label().name().toLowerCase(Locale.ROOT), analysis.language().code());
        if (behind) {
            withdrawAgainIfOvertaken(envelope, entry);
        }
    }

    /**
     * The live consumer may have recorded and published a withdrawal between this consumer's checks and its
     * analysis, which then reached the other consumers after the withdrawal. Its record is written before its
     * publication, so whatever is not seen here is published after this analysis (same key, same partition).
     */
    private void withdrawAgainIfOvertaken(EventEnvelope<?> envelope, JournalEntrySnapshot entry) {
        if (!mayRead(entry)) {
            log.info("User {} was excluded while entry {} v{} was analysed behind the live ones: withdrawing again",
                    entry.userId(), entry.entryId(), entry.version());
            withdrawAll(envelope, entry.userId());
            return;
        }
        analysed.withdrawnVersion(entry.entryId()).filter(withdrawn -> withdrawn >= entry.version())
                .ifPresent(withdrawn -> {
                    log.info("Entry {} v{} was withdrawn while v{} was analysed behind the live ones: withdrawing"
                            + " again", entry.entryId(), withdrawn, entry.version());
                    withdraw(envelope, entry.entryId(), entry.userId(), withdrawn);
                });
    }

    private void entryChanged(EventEnvelope<?> envelope, JournalEntrySnapshot entry, boolean behind) {
        if (entry.isPrivate()) {
            // Created private: nothing was ever derived. Made private: whatever was derived goes now.
            if (!(entry instanceof JournalEntryCreated)) {
                withdraw(envelope, entry.entryId(), entry.userId(), entry.version());
            }
            return;
        }
        if (!mayRead(entry)) {
            log.debug("Entry {} v{} not analysed: its user is in private mode, withdrew consent or was erased",
                    entry.entryId(), entry.version());
            return;
        }
        if (behind && analysed.superseded(entry.entryId(), entry.version())) {
            // Read late (an import's lane, a rebuild's replay): a newer version is analysed, or was deleted or made
            // private meanwhile, and nothing may come back of it. The live consumer reads each user's events in
            // order, so it never meets such a version and spends no query on asking.
            log.debug("Entry {} v{} not analysed: a newer version is analysed or withdrawn", entry.entryId(),
                    entry.version());
            return;
        }
        status.set(entry.entryId(), AnalysisStatus.State.QUEUED);
        analyse(envelope, entry, behind);
    }

    /**
     * The end of a rebuild: findings not derived again since {@code since} belong to entries the write side no
     * longer has, and are withdrawn like a deletion's ({@code correlationId}: the rebuild's). Returns how many.
     */
    public int sweep(Instant since, String correlationId) {
        // One transaction: if a withdrawal cannot be published, the findings stay for the next rebuild to sweep.
        List<AnalysedEntries.Removed> removed = transactions.execute(tx -> {
            List<AnalysedEntries.Removed> gone = analysed.removeNotDerivedSince(since);
            List<EventEnvelope<?>> withdrawals = gone.stream().<EventEnvelope<?>>map(entry -> EventEnvelope.of(
                    new JournalEntryAnalysisWithdrawn(entry.entryId(), entry.userId(), entry.version(),
                            clock.instant()), correlationId)).toList();
            for (int i = 0; i < withdrawals.size(); i += SWEEP_BATCH) {
                events.publishAll(withdrawals.subList(i, Math.min(withdrawals.size(), i + SWEEP_BATCH)));
            }
            return gone;
        });
        Map<UUID, Set<LocalDate>> days = new HashMap<>();
        for (AnalysedEntries.Removed entry : removed) {
            status.clear(entry.entryId());
            days.computeIfAbsent(entry.userId(), user -> new HashSet<>()).add(entry.date());
        }
        days.forEach((user, dates) -> changes.publishEvent(new AnalysedEntryChanged(user, dates, true)));
        return removed.size();
    }

    private void withdraw(EventEnvelope<?> envelope, UUID entryId, UUID userId, int version) {
        status.clear(entryId);
        analysed.remove(entryId, userId, version)
                .ifPresent(date -> changes.publishEvent(new AnalysedEntryChanged(userId, Set.of(date), true)));
        if (accounts.find(userId).map(AccountRecords.Account::erased).orElse(false)) {
            return;
        }
        events.publish(envelope, new JournalEntryAnalysisWithdrawn(entryId, userId, version, clock.instant()));
    }

    /** Every analysis of the user goes: the findings here, the insights drawn from them, and the consumers' copies. */
    private void withdrawAll(EventEnvelope<?> envelope, UUID userId) {
        analysed.removeAll(userId);
        changes.publishEvent(new AllAnalysesRemoved(userId));
        events.publish(envelope, new UserAnalysesWithdrawn(userId, clock.instant()));
    }
}
