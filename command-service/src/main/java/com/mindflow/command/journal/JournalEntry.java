package com.mindflow.command.journal;

import com.mindflow.events.MindFlowEvent;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryRestored;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.events.journal.Mood;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One day's journal entry: the aggregate of the write side. It computes what the server owns (word count, reading
 * time, version) so that no client can get them wrong, and answers each change with the event it causes.
 *
 * <p>Plain Java: {@link JournalEntries} reads and writes the row. The version goes up here, with the change, so the
 * event carries the version the row gets; the repository's update only succeeds if the row still holds the one
 * before (optimistic locking).
 */
public final class JournalEntry {

    public static final int MAX_TITLE = 200;
    public static final int MAX_CONTENT = 10_000;
    public static final int MAX_LOCATION = 200;
    public static final int MAX_WEATHER = 100;

    private final JournalEntryId id;
    private final AuthorId author;
    private final Instant createdAt;
    private LocalDate date;
    private String title;
    private String content;
    private Mood mood;
    private String location;
    private String weather;
    private int wordCount;
    private int readingTime;
    private boolean isPrivate;
    /** The seed's version column, starting at 1, up by one on every change. */
    private int version;
    private Instant updatedAt;
    private Instant deletedAt;
    /** Names, sorted, as every read model shows them. */
    private List<String> tags;

    private JournalEntry(JournalEntryId id, AuthorId author, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.author = Objects.requireNonNull(author, "author");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Writes a new entry for {@code draft.date()}. */
    public static JournalEntry write(JournalEntryId id, AuthorId author, JournalDraft draft, Clock clock) {
        JournalEntry entry = new JournalEntry(id, author, clock.instant());
        entry.version = 1;
        entry.apply(draft, clock);
        return entry;
    }

    /** An entry as stored; only {@link JournalEntries} rebuilds entries. */
    static JournalEntry stored(Stored row) {
        JournalEntry entry = new JournalEntry(row.id(), row.author(), row.createdAt());
        entry.date = row.date();
        entry.title = row.title();
        entry.content = row.content();
        entry.mood = row.mood();
        entry.location = row.location();
        entry.weather = row.weather();
        entry.wordCount = row.wordCount();
        entry.readingTime = row.readingTime();
        entry.isPrivate = row.isPrivate();
        entry.version = row.version();
        entry.updatedAt = row.updatedAt();
        entry.deletedAt = row.deletedAt();
        entry.tags = sorted(row.tags());
        return entry;
    }

    /** The columns of a stored entry. */
    record Stored(JournalEntryId id, AuthorId author, LocalDate date, String title, String content, Mood mood,
            String location, String weather, int wordCount, int readingTime, boolean isPrivate, int version,
            Instant createdAt, Instant updatedAt, Instant deletedAt, Collection<String> tags) {
    }

    /** The event of a new entry; asked once, right after {@link #write}. */
    public JournalEntryCreated created() {
        return snapshot(JournalEntryCreated::new);
    }

    /**
     * Replaces the author's part of the entry. {@code expectedVersion} is the version the author last saw (If-Match):
     * an edit made on a stale copy would silently overwrite another device's change, so it is refused.
     */
    public JournalEntryUpdated revise(int expectedVersion, JournalDraft draft, Clock clock) {
        requireVersion(expectedVersion);
        apply(draft, clock);
        version++;
        return snapshot(JournalEntryUpdated::new);
    }

    /**
     * Soft delete: the entry leaves every view but can be restored until the retention window has passed. Empty when
     * the entry was deleted already: deleting twice changes nothing.
     */
    public Optional<JournalEntryDeleted> delete(Integer expectedVersion, Clock clock) {
        if (expectedVersion != null) {
            requireVersion(expectedVersion);
        }
        if (isDeleted()) {
            return Optional.empty();
        }
        this.deletedAt = clock.instant();
        this.updatedAt = deletedAt;
        version++;
        return Optional.of(new JournalEntryDeleted(id.value(), author.value(), date, version, deletedAt));
    }

    /** Brings a deleted entry back, only while {@code retention} since its deletion has not passed. */
    public JournalEntryRestored restore(Duration retention, Clock clock) {
        if (!isDeleted()) {
            throw new EntryNotDeleted(id);
        }
        Instant now = clock.instant();
        if (!now.isBefore(deletedAt.plus(retention))) {
            throw new RestoreWindowPassed(id, deletedAt.plus(retention));
        }
        this.deletedAt = null;
        this.updatedAt = now;
        version++;
        return snapshot(JournalEntryRestored::new);
    }

    private void requireVersion(int expectedVersion) {
        if (expectedVersion != version) {
            throw new StaleEntry(id, version);
        }
    }

    private void apply(JournalDraft draft, Clock clock) {
        this.date = draft.date();
        this.title = draft.title();
        this.content = draft.content();
        this.mood = draft.mood();
        this.location = draft.location();
        this.weather = draft.weather();
        this.isPrivate = draft.isPrivate();
        this.wordCount = Text.wordCount(draft.content());
        this.readingTime = Text.readingTimeSeconds(wordCount);
        this.tags = sorted(draft.tags());
        this.updatedAt = clock.instant();
    }

    private static List<String> sorted(Collection<String> names) {
        return names.stream().sorted().toList();
    }

    /** The constructor every whole-entry event shares; one mapping for all of them. */
    @FunctionalInterface
    private interface Snapshot<E extends MindFlowEvent> {
        E of(UUID entryId, UUID userId, LocalDate date, String title, String content, Mood mood, List<String> tags,
                String location, String weather, int wordCount, int readingTimeSeconds, boolean isPrivate,
                int version, Instant createdAt, Instant updatedAt);
    }

    private <E extends MindFlowEvent> E snapshot(Snapshot<E> event) {
        return event.of(id.value(), author.value(), date, title, content, mood, tags, location, weather, wordCount,
                readingTime, isPrivate, version, createdAt, updatedAt);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public JournalEntryId id() {
        return id;
    }

    public AuthorId author() {
        return author;
    }

    public LocalDate date() {
        return date;
    }

    public String title() {
        return title;
    }

    public String content() {
        return content;
    }

    public Mood mood() {
        return mood;
    }

    public String location() {
        return location;
    }

    public String weather() {
        return weather;
    }

    public int wordCount() {
        return wordCount;
    }

    public int readingTime() {
        return readingTime;
    }

    public boolean isPrivate() {
        return isPrivate;
    }

    public int version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Tag names in alphabetical order, as every read model shows them. */
    public List<String> tagNames() {
        return tags;
    }
}
