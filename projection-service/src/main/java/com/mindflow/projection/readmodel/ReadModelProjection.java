package com.mindflow.projection.readmodel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.AttachmentAdded;
import com.mindflow.events.journal.AttachmentRemoved;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryRestored;
import com.mindflow.events.journal.JournalEntrySnapshot;
import com.mindflow.events.journal.WritingStreakUpdated;
import com.mindflow.events.user.UserConsentUpdated;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.events.user.UserLoggedIn;
import com.mindflow.events.user.UserProfileUpdated;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettingsUpdated;
import com.mindflow.projection.cache.ReadCaches;
import com.mindflow.projection.delivery.EventBatches;
import com.mindflow.projection.delivery.ProjectionLag;
import com.mindflow.projection.erasure.ErasedUsers;
import com.mindflow.projection.rebuild.Rebuilds;
import com.mindflow.support.readside.JournalChangeNotice;

/**
 * Keeps the read database current, per event: {@code journals_view} (with attachments), {@code user_profile_view},
 * {@code mood_calendar_cache} and the AI's {@code journal_entry_analyses}. Its own consumer group, so a slow store elsewhere never holds it up. After the
 * commit it invalidates query-service's caches and announces the entry change.
 */
@Component
class ReadModelProjection {

    static final String GROUP = "projection-read-model";
    static final String SINK = "read-model";

    private static final Logger log = LoggerFactory.getLogger(ReadModelProjection.class);

    private final JournalsView journals;
    private final JournalAttachments attachments;
    private final UserProfiles profiles;
    private final MoodCalendar calendar;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final ReadCaches caches;
    private final ProjectionLag lag;
    private final ErasedUsers erasedUsers;
    private final Rebuilds rebuilds;
    private final JournalAnalyses analyses;

    ReadModelProjection(JournalsView journals, JournalAttachments attachments, UserProfiles profiles,
            MoodCalendar calendar, ProcessedEvents processed, ReadTransactions transactions, ReadCaches caches,
            ProjectionLag lag, ErasedUsers erasedUsers, Rebuilds rebuilds, JournalAnalyses analyses) {
        this.journals = journals;
        this.attachments = attachments;
        this.profiles = profiles;
        this.calendar = calendar;
        this.processed = processed;
        this.transactions = transactions.template();
        this.caches = caches;
        this.lag = lag;
        this.erasedUsers = erasedUsers;
        this.rebuilds = rebuilds;
        this.analyses = analyses;
    }

    /**
     * One poll's events in one transaction ({@link EventBatches}): a commit, and each touched calendar month
     * recomputed once, per batch instead of per event.
     */
    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS, Topics.AI_INSIGHTS}, batch = "true",
            properties = {EventBatches.FETCH_MIN_BYTES, EventBatches.FETCH_MAX_WAIT})
    void on(List<ConsumerRecord<String, String>> records) {
        EventBatches.apply(records, this::applyInOneTransaction);
    }

    private void applyInOneTransaction(List<EventEnvelope<?>> envelopes) {
        Changes changes = new Changes();
        transactions.executeWithoutResult(status -> {
            // For a running rebuild's sweep and its no-version guard (erased users' events included: harmless).
            rebuilds.entriesChangedLive(SINK, envelopes.stream().flatMap(e -> changedId(e).stream()).toList());
            for (EventEnvelope<?> envelope : envelopes) {
                if (processed.markApplied(GROUP, envelope.eventId())) {
                    apply(envelope, changes);
                } else {
                    log.debug("Skipping {} {}: already applied", envelope.eventType(), envelope.eventId());
                }
                // Also for a redelivery, whose first attempt may have failed after its commit: idempotent.
                notice(envelope).ifPresent(changes.notices::add);
                changes.caches.addAll(cacheChanges(envelope));
            }
            changes.months.forEach(month -> calendar.recompute(month.userId(), month.firstDay()));
        });
        // After the commit: the seed's invalidation strategy (each key once per batch), then the change notices.
        changes.caches.forEach(change -> change.apply(caches));
        changes.notices.forEach(caches::announce);
        envelopes.forEach(envelope -> lag.applied(SINK, envelope.occurredAt()));
    }

    /** What a batch changed besides its rows: calendar months to recompute, caches to invalidate, notices to send. */
    private static final class Changes {
        final Set<Month> months = new LinkedHashSet<>();
        final Set<CacheChange> caches = new LinkedHashSet<>();
        final List<JournalChangeNotice> notices = new ArrayList<>();

        void month(UUID userId, LocalDate day) {
            months.add(new Month(userId, day.withDayOfMonth(1)));
        }

        void forget(UUID userId) {
            months.removeIf(month -> month.userId().equals(userId));
        }
    }

    private record Month(UUID userId, LocalDate firstDay) {
    }

    private enum CacheKind { ENTRY, ENTRY_LIST, PROFILE, FORGET }

    private record CacheChange(CacheKind kind, UUID userId) {
        void apply(ReadCaches caches) {
            switch (kind) {
                case ENTRY -> caches.entryChanged(userId);
                case ENTRY_LIST -> caches.entryListChanged(userId);
                case PROFILE -> caches.profileChanged(userId);
                case FORGET -> caches.forget(userId);
            }
        }
    }

    private void apply(EventEnvelope<?> envelope, Changes changes) {
        if (!(envelope.payload() instanceof UserDeleted) && erasedUsers.isErased(envelope.userId())) {
            // Another topic, no order: this event of an erased account arrived after its erasure.
            log.debug("Dropping {} of erased user {}", envelope.eventType(), envelope.userId());
            return;
        }
        switch (envelope.payload()) {
            case JournalEntrySnapshot entry -> {
                Optional<JournalsView.Filed> before = journals.filedAs(entry.entryId());
                journals.upsert(entry);
                // The calendar shows each day's mood and counts the month's entries: an edit that keeps both the
                // day and the mood (most edits) leaves it as it is, and recomputing it would be wasted work.
                if (before.isEmpty() || !before.get().sameDayAndMood(entry)) {
                    changes.month(entry.userId(), entry.date());
                    // An edit that moved the entry to another month changes that month too.
                    before.ifPresent(filed -> changes.month(entry.userId(), filed.date()));
                }
            }
            case JournalEntryDeleted e -> {
                journals.remove(e.entryId(), e.version());
                changes.month(e.userId(), e.date());
            }
            case AttachmentAdded a -> {
                attachments.add(a);
                journals.refreshAttachments(a.entryId(), a.entryVersion());
            }
            case AttachmentRemoved r -> {
                attachments.remove(r);
                journals.refreshAttachments(r.entryId(), r.entryVersion());
            }
            case WritingStreakUpdated s -> profiles.streakChanged(s);
            case UserRegistered u -> {
                profiles.register(u);
                journals.authorChanged(u.userId(), u.displayName(), u.photoUrl());
            }
            case UserProfileUpdated p -> {
                profiles.profileChanged(p);
                journals.authorChanged(p.userId(), p.displayName(), p.photoUrl());
            }
            case UserSettingsUpdated s -> profiles.settingsChanged(s.userId(), s.settings());
            case UserConsentUpdated c -> profiles.consentChanged(c.userId(), c.consent());
            case UserLoggedIn l -> profiles.loggedIn(l.userId(), l.loggedInAt());
            case JournalEntryAnalysed a -> analyses.analysed(a);
            case JournalEntryAnalysisWithdrawn w -> analyses.withdrawn(w.entryId(), w.userId(), w.entryVersion());
            case UserAnalysesWithdrawn w -> analyses.removeUser(w.userId());
            case UserDeleted d -> {
                erasedUsers.erased(d.userId(), d.deletedAt());
                erase(d.userId());
                changes.forget(d.userId());
            }
            default -> log.debug("{} does not change the read model", envelope.eventType());
        }
    }

    /** The entry or account an event changes, for a running rebuild's sweep and its no-version guard. */
    private static Optional<UUID> changedId(EventEnvelope<?> envelope) {
        return switch (envelope.payload()) {
            case JournalEntrySnapshot e -> Optional.of(e.entryId());
            case JournalEntryDeleted d -> Optional.of(d.entryId());
            case AttachmentAdded a -> Optional.of(a.entryId());
            case AttachmentRemoved r -> Optional.of(r.entryId());
            case UserRegistered u -> Optional.of(u.userId());
            case UserProfileUpdated p -> Optional.of(p.userId());
            case UserSettingsUpdated s -> Optional.of(s.userId());
            case UserConsentUpdated c -> Optional.of(c.userId());
            default -> Optional.empty();
        };
    }

    /** GDPR erasure: nothing of the user stays in the read database. */
    private void erase(UUID userId) {
        journals.removeUser(userId);
        attachments.removeUser(userId);
        analyses.removeUser(userId);
        calendar.removeUser(userId);
        profiles.remove(userId);
    }

    private Optional<JournalChangeNotice> notice(EventEnvelope<?> envelope) {
        return switch (envelope.payload()) {
            case JournalEntrySnapshot e -> Optional.of(new JournalChangeNotice(e.entryId(), e.userId(), e.date(),
                    e.version(), switch (e) {
                        case JournalEntryCreated c -> "created";
                        case JournalEntryRestored r -> "restored";
                        default -> "updated";
                    }));
            case JournalEntryDeleted d ->
                    Optional.of(new JournalChangeNotice(d.entryId(), d.userId(), d.date(), d.version(), "deleted"));
            case AttachmentAdded a -> journals.dateOf(a.entryId()).map(date ->
                    new JournalChangeNotice(a.entryId(), a.userId(), date, a.entryVersion(), "attachments"));
            case AttachmentRemoved r -> journals.dateOf(r.entryId()).map(date ->
                    new JournalChangeNotice(r.entryId(), r.userId(), date, r.entryVersion(), "attachments"));
            default -> Optional.empty();
        };
    }

    /** The seed's invalidation strategy: which of the user's cached reads an event makes stale. */
    private static List<CacheChange> cacheChanges(EventEnvelope<?> envelope) {
        UUID userId = envelope.userId();
        List<CacheKind> kinds = switch (envelope.payload()) {
            case JournalEntrySnapshot e -> List.of(CacheKind.ENTRY);
            case JournalEntryDeleted e -> List.of(CacheKind.ENTRY);
            case AttachmentAdded a -> List.of(CacheKind.ENTRY_LIST);
            case AttachmentRemoved r -> List.of(CacheKind.ENTRY_LIST);
            case UserProfileUpdated p -> List.of(CacheKind.PROFILE, CacheKind.ENTRY_LIST);
            case WritingStreakUpdated s -> List.of(CacheKind.PROFILE);
            case UserRegistered u -> List.of(CacheKind.PROFILE);
            case UserSettingsUpdated s -> List.of(CacheKind.PROFILE);
            case UserConsentUpdated c -> List.of(CacheKind.PROFILE);
            case UserLoggedIn l -> List.of(CacheKind.PROFILE);
            case UserDeleted d -> List.of(CacheKind.FORGET);
            default -> List.of();
        };
        return kinds.stream().map(kind -> new CacheChange(kind, userId)).toList();
    }
}
