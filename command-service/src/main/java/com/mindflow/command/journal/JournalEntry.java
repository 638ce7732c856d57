package com.mindflow.command.journal;

import com.mindflow.events.journal.Mood;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.mindflow.command.tag.Tag;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One day's journal entry: the aggregate of the write side. It computes what the server owns (word count, reading
 * time, version) so that no client can get them wrong.
 */
@Entity
@Table(name = "journal_entries")
public class JournalEntry {

    public static final int MAX_TITLE = 200;
    public static final int MAX_CONTENT = 10_000;
    public static final int MAX_LOCATION = 200;
    public static final int MAX_WEATHER = 100;

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(nullable = false)
    private LocalDate date;

    @Column(nullable = false, length = MAX_TITLE)
    private String title;

    @Column(nullable = false)
    private String content;

    private Mood mood;

    private String location;

    private String weather;

    @Column(name = "word_count", nullable = false)
    private int wordCount;

    @Column(name = "reading_time", nullable = false)
    private int readingTime;

    @Column(name = "is_private", nullable = false)
    private boolean isPrivate;

    /** Optimistic locking: the seed's version column, starting at 1, up by one on every change. */
    @Version
    private int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @ManyToMany
    @JoinTable(name = "journal_entry_tags",
            joinColumns = @JoinColumn(name = "journal_entry_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Set<Tag> tags = new LinkedHashSet<>();

    protected JournalEntry() {
    }

    /** Writes a new entry for {@code draft.date()}. */
    public static JournalEntry write(JournalEntryId id, AuthorId author, JournalDraft draft, Set<Tag> tags,
            Clock clock) {
        JournalEntry entry = new JournalEntry();
        entry.id = id.value();
        entry.userId = author.value();
        entry.version = 1;
        entry.createdAt = clock.instant();
        entry.apply(draft, tags, clock);
        return entry;
    }

    /**
     * Replaces the author's part of the entry. {@code expectedVersion} is the version the author last saw (If-Match):
     * an edit made on a stale copy would silently overwrite another device's change, so it is refused.
     */
    public void revise(int expectedVersion, JournalDraft draft, Set<Tag> tags, Clock clock) {
        requireVersion(expectedVersion);
        apply(draft, tags, clock);
    }

    /** Soft delete: the entry leaves every view but can be restored until the retention window has passed. */
    public boolean delete(Integer expectedVersion, Clock clock) {
        if (expectedVersion != null) {
            requireVersion(expectedVersion);
        }
        if (isDeleted()) {
            return false; // deleting twice changes nothing
        }
        this.deletedAt = clock.instant();
        this.updatedAt = deletedAt;
        return true;
    }

    /** Brings a deleted entry back, only while {@code retention} since its deletion has not passed. */
    public void restore(Duration retention, Clock clock) {
        if (!isDeleted()) {
            throw new EntryNotDeleted(id());
        }
        Instant now = clock.instant();
        if (!now.isBefore(deletedAt.plus(retention))) {
            throw new RestoreWindowPassed(id(), deletedAt.plus(retention));
        }
        this.deletedAt = null;
        this.updatedAt = now;
    }

    private void requireVersion(int expectedVersion) {
        if (expectedVersion != version) {
            throw new StaleEntry(id(), version);
        }
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    private void apply(JournalDraft draft, Set<Tag> tags, Clock clock) {
        this.date = draft.date();
        this.title = draft.title();
        this.content = draft.content();
        this.mood = draft.mood();
        this.location = draft.location();
        this.weather = draft.weather();
        this.isPrivate = draft.isPrivate();
        this.wordCount = Text.wordCount(draft.content());
        this.readingTime = Text.readingTimeSeconds(wordCount);
        this.tags = new LinkedHashSet<>(tags);
        this.updatedAt = clock.instant();
    }

    public JournalEntryId id() {
        return new JournalEntryId(id);
    }

    public AuthorId author() {
        return new AuthorId(userId);
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
        return tags.stream().map(Tag::name).sorted(Comparator.naturalOrder()).toList();
    }
}
