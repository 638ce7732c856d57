package com.mindflow.ai.analysis.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.mindflow.ai.analysis.domain.EntryAnalyser;
import com.mindflow.ai.analysis.domain.EntryAnalyser.EntryAnalysis;
import com.mindflow.ai.analysis.domain.Language;
import com.mindflow.ai.embedding.EntryEmbeddings;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.JournalEntryEmbedded;
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

    private final EntryAnalyser analyser = new EntryAnalyser();
    private final AnalysisStatus status;
    private final AccountRecords accounts;
    private final AnalysisEvents events;
    private final AnalysedEntries analysed;
    private final EntryEmbeddings embeddings;
    private final ApplicationEventPublisher changes;
    private final Clock clock;

    EntryAnalyses(AnalysisStatus status, AccountRecords accounts, AnalysisEvents events, AnalysedEntries analysed,
            EntryEmbeddings embeddings, ApplicationEventPublisher changes, Optional<Clock> clock) {
        this.embeddings = embeddings;
        this.status = status;
        this.accounts = accounts;
        this.events = events;
        this.analysed = analysed;
        this.changes = changes;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public void apply(EventEnvelope<?> envelope) {
        switch (envelope.payload()) {
            case JournalEntrySnapshot entry -> entryChanged(envelope, entry);
            case JournalEntryDeleted deleted -> withdraw(envelope, deleted.entryId(), deleted.userId(), deleted.version());
            case UserSettingsUpdated settings -> {
                boolean changed = accounts.privateMode(settings.userId(), settings.settings().privateMode(),
                        settings.updatedAt());
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
                accounts.privateMode(registered.userId(), registered.settings().privateMode(),
                        registered.createdAt());
                accounts.processingConsent(registered.userId(), registered.consent().dataProcessingConsent(),
                        registered.createdAt());
                accounts.profile(registered.userId(), registered.language(), registered.timezone());
                if (registered.settings().privateMode() || !registered.consent().dataProcessingConsent()) {
                    // An entry of the new account may have overtaken this event (another topic): undo its analysis.
                    withdrawAll(envelope, registered.userId());
                }
            }
            case UserConsentUpdated consent -> {
                accounts.processingConsent(consent.userId(), consent.consent().dataProcessingConsent(),
                        consent.updatedAt());
                if (!consent.consent().dataProcessingConsent()) {
                    // GDPR Art. 7(3): processing on consent stops when it is withdrawn, and so do its results.
                    log.info("User {} withdrew data-processing consent: withdrawing every analysis", consent.userId());
                    withdrawAll(envelope, consent.userId());
                }
            }
            case UserProfileUpdated profile -> accounts.profile(profile.userId(), profile.language(),
                    profile.timezone());
            // Every consumer erases its own rows on UserDeleted; here the findings go and the account is marked.
            case UserDeleted deleted -> {
                accounts.erased(deleted.userId(), deleted.deletedAt());
                analysed.removeAll(deleted.userId());
                changes.publishEvent(new AllAnalysesRemoved(deleted.userId()));
            }
            default -> {
            }
        }
    }

    /** Analyses the entry and publishes the result; stale analyses are for the consumers to drop (by version). */
    public void analyse(EventEnvelope<?> envelope, JournalEntrySnapshot entry) {
        status.set(entry.entryId(), AnalysisStatus.State.PROCESSING);
        Language fallback = accounts.find(entry.userId()).map(AccountRecords.Account::language)
                .filter("pt"::equals).map(code -> Language.PORTUGUESE).orElse(Language.ENGLISH);
        long t0 = System.nanoTime();
        EntryAnalysis analysis = analyser.analyse(entry.title(), entry.content(), fallback);
        long micros = (System.nanoTime() - t0) / 1000;
        List<EventEnvelope<?>> results = new ArrayList<>(2);
        results.add(EventEnvelope.causedBy(envelope, new JournalEntryAnalysed(entry.entryId(), entry.userId(),
                entry.version(), analysis.sentimentScore(), Sentiment.valueOf(analysis.label().name()),
                analysis.keyPhrases(), analysis.language().code(), clock.instant())));
        // The passages and their vectors for semantic search: the same privacy gate, withdrawn with the analysis.
        JournalEntryEmbedded embedded = embeddings.embed(entry.entryId(), entry.userId(), entry.version(),
                entry.date(), entry.title(), entry.content());
        if (!embedded.chunks().isEmpty()) {
            results.add(EventEnvelope.causedBy(envelope, embedded));
        }
        events.publishAll(results);
        Set<LocalDate> dates = new HashSet<>(Set.of(entry.date()));
        analysed.record(new AnalysedEntries.AnalysedEntry(entry.entryId(), entry.userId(), entry.version(),
                entry.date(), entry.wordCount(), entry.mood(), entry.tags(), entry.weather(),
                analysis.sentimentScore(), analysis.keyPhrases())).ifPresent(dates::add);
        changes.publishEvent(new AnalysedEntryChanged(entry.userId(), dates, false));
        status.set(entry.entryId(), AnalysisStatus.State.COMPLETED);
        log.debug("Analysed entry {} v{} in {} µs: {} {}", entry.entryId(), entry.version(), micros,
                analysis.label().name().toLowerCase(Locale.ROOT), analysis.language().code());
    }

    private void entryChanged(EventEnvelope<?> envelope, JournalEntrySnapshot entry) {
        if (entry.isPrivate()) {
            // Created private: nothing was ever derived. Made private: whatever was derived goes now.
            if (!(entry instanceof JournalEntryCreated)) {
                withdraw(envelope, entry.entryId(), entry.userId(), entry.version());
            }
            return;
        }
        Optional<AccountRecords.Account> account = accounts.find(entry.userId());
        if (account.map(AccountRecords.Account::excluded).orElse(false)
                || accounts.excludedAt(entry.userId(), entry.updatedAt())) {
            log.debug("Entry {} v{} not analysed: its user is in private mode, withdrew consent or was erased",
                    entry.entryId(), entry.version());
            return;
        }
        status.set(entry.entryId(), AnalysisStatus.State.QUEUED);
        analyse(envelope, entry);
    }

    private void withdraw(EventEnvelope<?> envelope, UUID entryId, UUID userId, int version) {
        status.clear(entryId);
        analysed.remove(entryId, version)
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
