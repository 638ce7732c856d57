package com.mindflow.command.journal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.mindflow.command.streak.StreakChange;
import com.mindflow.command.streak.Streaks;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.MindFlowEvent;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.support.correlation.Correlation;

/**
 * The author's journal: writes entries and records, in the same transaction, the event each change causes and the
 * author's streak. Loads, calls the aggregate, saves — the rules live in {@link JournalEntry}, which also answers with
 * the event.
 *
 * <p>Every write starts by taking the author's lock ({@link Streaks#lock}): one author's writes run one at a time, so
 * the one-entry-per-day check cannot race and the author's events reach the outbox in the order they happened.
 */
@Service
public class Journal {

    /** Slack for a device already in tomorrow; see {@link DateTooFarAhead}. */
    private static final int DAYS_AHEAD_ALLOWED = 1;

    private final JournalEntries entries;
    private final Streaks streaks;
    private final OutboxWriter outbox;
    private final JournalSettings settings;
    private final Clock clock;

    Journal(JournalEntries entries, Streaks streaks, OutboxWriter outbox, JournalSettings settings, Clock clock) {
        this.entries = entries;
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
        requireDateInRange(draft.date(), zone);
        Streaks.Locked lock = streaks.lock(author.value());
        JournalEntry entry = JournalEntry.write(JournalEntryId.random(), author, draft, clock);
        entries.insert(entry); // the day check is the insert's: a live entry that day makes it EntryAlreadyWritten
        append(entry.created());
        streaks.record(lock, StreakChange.added(entry.date(), entry.wordCount()), zone);
        return entry;
    }

    /**
     * An import's write: the same as {@link #write}, but a day that has a live entry already answers empty instead of
     * throwing, so one taken day does not roll back the caller's batch (an exception leaving this transactional
     * method would mark the whole batch rollback-only). Runs in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<JournalEntry> writeUnlessDayTaken(AuthorId author, ZoneId zone, JournalDraft draft) {
        requireDateInRange(draft.date(), zone);
        Streaks.Locked lock = streaks.lock(author.value());
        if (entries.findForDay(author, draft.date()).isPresent()) {
            return Optional.empty();
        }
        JournalEntry entry = JournalEntry.write(JournalEntryId.random(), author, draft, clock);
        entries.insert(entry);
        append(entry.created());
        streaks.record(lock, StreakChange.added(entry.date(), entry.wordCount()), zone);
        return Optional.of(entry);
    }

    /** The latest day an entry may have in {@code zone}: today there, plus a day of slack. */
    public LocalDate latestDay(ZoneId zone) {
        return today(zone).plusDays(DAYS_AHEAD_ALLOWED);
    }

    /** Replaces the entry; {@code expectedVersion} is the client's If-Match. */
    @Transactional
    public JournalEntry revise(AuthorId author, ZoneId zone, JournalEntryId id, int expectedVersion,
            JournalDraft draft) {
        requireDateInRange(draft.date(), zone);
        Streaks.Locked lock = streaks.lock(author.value());
        JournalEntry entry = live(author, id);
        LocalDate dayBefore = entry.date();
        int wordsBefore = entry.wordCount();
        List<String> tagsBefore = entry.tagNames();
        if (!draft.date().equals(dayBefore)) {
            requireFree(author, draft.date(), id);
        }
        MindFlowEvent revised = entry.revise(expectedVersion, draft, clock);
        entries.update(entry, !tagsBefore.equals(entry.tagNames()));
        append(revised);
        streaks.record(lock, StreakChange.revised(dayBefore, wordsBefore, entry.date(), entry.wordCount()), zone);
        return entry;
    }

    /** Soft delete; {@code expectedVersion} (If-Match) is optional here. Deleting a deleted entry changes nothing. */
    @Transactional
    public void delete(AuthorId author, ZoneId zone, JournalEntryId id, Integer expectedVersion) {
        Streaks.Locked lock = streaks.lock(author.value());
        JournalEntry entry = own(author, id);
        entry.delete(expectedVersion, clock).ifPresent(deleted -> {
            entries.update(entry, false);
            append(deleted);
            streaks.record(lock, StreakChange.removed(entry.date(), entry.wordCount()), zone);
        });
    }

    @Transactional
    public JournalEntry restore(AuthorId author, ZoneId zone, JournalEntryId id) {
        Streaks.Locked lock = streaks.lock(author.value());
        JournalEntry entry = own(author, id);
        // A deleted entry frees its day; a day that got a new entry meanwhile cannot take the old one back.
        requireFree(author, entry.date(), id);
        MindFlowEvent restored = entry.restore(settings.retention(), clock);
        entries.update(entry, false);
        append(restored);
        streaks.record(lock, StreakChange.added(entry.date(), entry.wordCount()), zone);
        return entry;
    }

    private void requireFree(AuthorId author, LocalDate date, JournalEntryId except) {
        entries.findForDay(author, date)
                .filter(other -> !other.equals(except))
                .ifPresent(other -> {
                    throw new EntryAlreadyWritten(other, date);
                });
    }

    private JournalEntry own(AuthorId author, JournalEntryId id) {
        return entries.findOwn(author, id).orElseThrow(() -> new EntryNotFound(id));
    }

    /** Deleted entries cannot be edited: restore first. */
    private JournalEntry live(AuthorId author, JournalEntryId id) {
        JournalEntry entry = own(author, id);
        if (entry.isDeleted()) {
            throw new EntryNotFound(id);
        }
        return entry;
    }

    private void requireDateInRange(LocalDate date, ZoneId zone) {
        if (date.isBefore(DateTooEarly.EARLIEST)) {
            throw new DateTooEarly();
        }
        LocalDate latest = today(zone).plusDays(DAYS_AHEAD_ALLOWED);
        if (date.isAfter(latest)) {
            throw new DateTooFarAhead(date, latest);
        }
    }

    private void append(MindFlowEvent event) {
        String current = Correlation.current();
        outbox.append(EventEnvelope.of(event, current != null ? current : Correlation.newId()));
    }
}
