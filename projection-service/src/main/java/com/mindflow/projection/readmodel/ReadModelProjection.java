package com.mindflow.projection.readmodel;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
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
import com.mindflow.projection.delivery.ProjectionLag;
import com.mindflow.projection.erasure.ErasedUsers;
import com.mindflow.projection.rebuild.Rebuilds;
import com.mindflow.support.readside.JournalChangeNotice;

/**
 * Keeps the read database current, per event: {@code journals_view} (with attachments), {@code user_profile_view}
 * and {@code mood_calendar_cache}. Its own consumer group, so a slow store elsewhere never holds it up. After the
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
    private final EventCodec codec = new EventCodec();

    ReadModelProjection(JournalsView journals, JournalAttachments attachments, UserProfiles profiles,
            MoodCalendar calendar, ProcessedEvents processed, ReadTransactions transactions, ReadCaches caches,
            ProjectionLag lag, ErasedUsers erasedUsers, Rebuilds rebuilds) {
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
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS})
    void on(String envelopeJson) {
        EventEnvelope<?> envelope = codec.read(envelopeJson);
        Optional<JournalChangeNotice> notice = transactions.execute(status -> {
            if (processed.markApplied(GROUP, envelope.eventId())) {
                apply(envelope);
            } else {
                log.debug("Skipping {} {}: already applied", envelope.eventType(), envelope.eventId());
            }
            return notice(envelope);
        });
        // After the commit (also for a redelivery, whose first attempt may have failed right here): idempotent.
        afterCommit(envelope, notice);
        lag.applied(SINK, envelope.occurredAt());
    }

    private void apply(EventEnvelope<?> envelope) {
        if (!(envelope.payload() instanceof UserDeleted) && erasedUsers.isErased(envelope.userId())) {
            // Another topic, no order: this event of an erased account arrived after its erasure.
            log.debug("Dropping {} of erased user {}", envelope.eventType(), envelope.userId());
            return;
        }
        entryId(envelope).ifPresent(entry -> rebuilds.entryChangedLive(SINK, entry));
        switch (envelope.payload()) {
            case JournalEntrySnapshot entry -> {
                Optional<LocalDate> before = journals.dateOf(entry.entryId());
                journals.upsert(entry);
                calendar.recompute(entry.userId(), entry.date());
                // An edit that moved the entry to another month changes that month too.
                before.filter(d -> !sameMonth(d, entry.date())).ifPresent(d -> calendar.recompute(entry.userId(), d));
            }
            case JournalEntryDeleted e -> {
                journals.remove(e.entryId(), e.version());
                calendar.recompute(e.userId(), e.date());
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
            case UserDeleted d -> {
                erasedUsers.erased(d.userId(), d.deletedAt());
                erase(d.userId());
            }
            default -> log.debug("{} does not change the read model", envelope.eventType());
        }
    }

    private static Optional<UUID> entryId(EventEnvelope<?> envelope) {
        return switch (envelope.payload()) {
            case JournalEntrySnapshot e -> Optional.of(e.entryId());
            case JournalEntryDeleted d -> Optional.of(d.entryId());
            case AttachmentAdded a -> Optional.of(a.entryId());
            case AttachmentRemoved r -> Optional.of(r.entryId());
            default -> Optional.empty();
        };
    }

    /** GDPR erasure: nothing of the user stays in the read database. */
    private void erase(UUID userId) {
        journals.removeUser(userId);
        attachments.removeUser(userId);
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

    /** The seed's invalidation strategy, then the change notice. */
    private void afterCommit(EventEnvelope<?> envelope, Optional<JournalChangeNotice> notice) {
        UUID userId = envelope.userId();
        switch (envelope.payload()) {
            case JournalEntrySnapshot e -> caches.entryChanged(userId);
            case JournalEntryDeleted e -> caches.entryChanged(userId);
            case AttachmentAdded a -> caches.entryListChanged(userId);
            case AttachmentRemoved r -> caches.entryListChanged(userId);
            case WritingStreakUpdated s -> caches.profileChanged(userId);
            case UserRegistered u -> caches.profileChanged(userId);
            case UserProfileUpdated p -> {
                caches.profileChanged(userId);
                caches.entryListChanged(userId);
            }
            case UserSettingsUpdated s -> caches.profileChanged(userId);
            case UserConsentUpdated c -> caches.profileChanged(userId);
            case UserLoggedIn l -> caches.profileChanged(userId);
            case UserDeleted d -> caches.forget(userId);
            default -> {
            }
        }
        notice.ifPresent(caches::announce);
    }

    private static boolean sameMonth(LocalDate a, LocalDate b) {
        return a.getYear() == b.getYear() && a.getMonthValue() == b.getMonthValue();
    }
}
