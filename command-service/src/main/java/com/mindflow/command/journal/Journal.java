package com.mindflow.command.journal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mindflow.command.streak.Streaks;
import com.mindflow.command.tag.Tag;
import com.mindflow.command.tag.Tags;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.MindFlowEvent;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryRestored;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.support.correlation.Correlation;

import jakarta.persistence.EntityManager;

/**
 * The author's journal: writes entries and records, in the same transaction, the event each change causes and the
 * author's streak. Loads, calls the aggregate, saves — the rules live in {@link JournalEntry}.
 *
 * <p>Every write starts by taking the author's lock ({@link Streaks#lock}): one author's writes run one at a time, so
 * the one-entry-per-day check cannot race and the author's events reach the outbox in the order they happened.
 */
@Service
public class Journal {

    /** Slack for a device already in tomorrow; see {@link DateTooFarAhead}. */
    private static final int DAYS_AHEAD_ALLOWED = 1;

    private final JournalEntries entries;
    private final EntityManager entityManager;
    private final Tags tags;
    private final Streaks streaks;
    private final OutboxWriter outbox;
    private final JournalSettings settings;
    private final Clock clock;

    Journal(JournalEntries entries, EntityManager entityManager, Tags tags, Streaks streaks, OutboxWriter outbox,
            JournalSettings settings, Clock clock) {
        this.entries = entries;
        this.entityManager = entityManager;
        this.tags = tags;
        this.streaks = streaks;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** The author's today: entries default to it, and may not be dated more than a day after it. */
    public LocalDate today(ZoneId zone) {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * The day an entry is about now: a replace that leaves out {@code date} keeps it. Read outside the replace's
     * transaction; harmless, since a concurrent change of the entry also changes its version and the replace fails.
     */
    @Transactional(readOnly = true)
    public LocalDate dateOf(AuthorId author, JournalEntryId id) {
        return live(author, id).date();
    }

    @Transactional
    public JournalEntry write(AuthorId author, ZoneId zone, JournalDraft draft) {
        requireNotTooFarAhead(draft.date(), zone);
        Streaks.Locked lock = streaks.lock(author.value());
        entries.findForDay(author.value(), draft.date()).ifPresent(existing -> {
            throw new EntryAlreadyWritten(existing.id(), draft.date());
        });
        Set<Tag> entryTags = tags.named(draft.tags());
        JournalEntry entry = JournalEntry.write(JournalEntryId.random(), author, draft, entryTags, clock);
        // persist, not merge: the id is assigned here, and the row must be new.
        entityManager.persist(entry);
        entityManager.flush();
        append(created(entry));
        streaks.refresh(lock, zone);
        return entry;
    }

    /** Replaces the entry; {@code expectedVersion} is the client's If-Match. */
    @Transactional
    public JournalEntry revise(AuthorId author, ZoneId zone, JournalEntryId id, int expectedVersion,
            JournalDraft draft) {
        requireNotTooFarAhead(draft.date(), zone);
        Streaks.Locked lock = streaks.lock(author.value());
        JournalEntry entry = live(author, id);
        if (!draft.date().equals(entry.date())) {
            entries.findForDay(author.value(), draft.date()).ifPresent(existing -> {
                throw new EntryAlreadyWritten(existing.id(), draft.date());
            });
        }
        entry.revise(expectedVersion, draft, tags.named(draft.tags()), clock);
        entityManager.flush(); // the version goes up here; the event carries it
        append(updated(entry));
        streaks.refresh(lock, zone);
        return entry;
    }

    /** Soft delete; {@code expectedVersion} (If-Match) is optional here. Deleting a deleted entry changes nothing. */
    @Transactional
    public void delete(AuthorId author, ZoneId zone, JournalEntryId id, Integer expectedVersion) {
        Streaks.Locked lock = streaks.lock(author.value());
        JournalEntry entry = own(author, id);
        if (!entry.delete(expectedVersion, clock)) {
            return;
        }
        entityManager.flush();
        append(new JournalEntryDeleted(entry.id().value(), author.value(), entry.date(), entry.version(),
                entry.deletedAt()));
        streaks.refresh(lock, zone);
    }

    @Transactional
    public JournalEntry restore(AuthorId author, ZoneId zone, JournalEntryId id) {
        Streaks.Locked lock = streaks.lock(author.value());
        JournalEntry entry = own(author, id);
        // A deleted entry frees its day; a day that got a new entry meanwhile cannot take the old one back. Checked
        // before the restore so that the query's auto-flush never writes a second live entry for the day.
        entries.findForDay(author.value(), entry.date())
                .filter(other -> !other.id().equals(entry.id()))
                .ifPresent(other -> {
                    throw new EntryAlreadyWritten(other.id(), entry.date());
                });
        entry.restore(settings.retention(), clock);
        entityManager.flush();
        append(restored(entry));
        streaks.refresh(lock, zone);
        return entry;
    }

    private JournalEntry own(AuthorId author, JournalEntryId id) {
        return entries.findOwn(id.value(), author.value()).orElseThrow(() -> new EntryNotFound(id));
    }

    /** Deleted entries cannot be edited: restore first. */
    private JournalEntry live(AuthorId author, JournalEntryId id) {
        JournalEntry entry = own(author, id);
        if (entry.isDeleted()) {
            throw new EntryNotFound(id);
        }
        return entry;
    }

    private void requireNotTooFarAhead(LocalDate date, ZoneId zone) {
        LocalDate latest = today(zone).plusDays(DAYS_AHEAD_ALLOWED);
        if (date.isAfter(latest)) {
            throw new DateTooFarAhead(date, latest);
        }
    }

    private void append(MindFlowEvent event) {
        String current = Correlation.current();
        outbox.append(EventEnvelope.of(event, current != null ? current : Correlation.newId()));
    }

    private static JournalEntryCreated created(JournalEntry entry) {
        return new JournalEntryCreated(entry.id().value(), entry.author().value(), entry.date(), entry.title(),
                entry.content(), entry.mood(), entry.tagNames(), entry.location(), entry.weather(),
                entry.wordCount(), entry.readingTime(), entry.isPrivate(), entry.version(), entry.createdAt(),
                entry.updatedAt());
    }

    private static JournalEntryUpdated updated(JournalEntry entry) {
        return new JournalEntryUpdated(entry.id().value(), entry.author().value(), entry.date(), entry.title(),
                entry.content(), entry.mood(), entry.tagNames(), entry.location(), entry.weather(),
                entry.wordCount(), entry.readingTime(), entry.isPrivate(), entry.version(), entry.createdAt(),
                entry.updatedAt());
    }

    private static JournalEntryRestored restored(JournalEntry entry) {
        return new JournalEntryRestored(entry.id().value(), entry.author().value(), entry.date(), entry.title(),
                entry.content(), entry.mood(), entry.tagNames(), entry.location(), entry.weather(),
                entry.wordCount(), entry.readingTime(), entry.isPrivate(), entry.version(), entry.createdAt(),
                entry.updatedAt());
    }
}
