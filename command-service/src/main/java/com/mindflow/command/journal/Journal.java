package com.mindflow.command.journal;

import java.time.Clock;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mindflow.command.tag.Tag;
import com.mindflow.command.tag.Tags;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.support.correlation.Correlation;

import jakarta.persistence.EntityManager;

/**
 * The author's journal: writes entries and records, in the same transaction, the event each change causes.
 * Loads, calls the aggregate, saves — the rules live in {@link JournalEntry}.
 */
@Service
public class Journal {

    private final JournalEntries entries;
    private final EntityManager entityManager;
    private final Tags tags;
    private final OutboxWriter outbox;
    private final Clock clock;

    Journal(JournalEntries entries, EntityManager entityManager, Tags tags, OutboxWriter outbox, Clock clock) {
        this.entries = entries;
        this.entityManager = entityManager;
        this.tags = tags;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public JournalEntry write(AuthorId author, JournalDraft draft) {
        entries.findForDay(author.value(), draft.date()).ifPresent(existing -> {
            throw new EntryAlreadyWritten(existing.id(), draft.date());
        });
        Set<Tag> entryTags = tags.named(draft.tags());
        JournalEntry entry = JournalEntry.write(JournalEntryId.random(), author, draft, entryTags, clock);
        // persist, not merge: the id is assigned here, and the row must be new.
        entityManager.persist(entry);
        outbox.append(EventEnvelope.of(created(entry), correlationId()));
        return entry;
    }

    private static String correlationId() {
        String current = Correlation.current();
        return current != null ? current : Correlation.newId();
    }

    private static JournalEntryCreated created(JournalEntry entry) {
        return new JournalEntryCreated(entry.id().value(), entry.author().value(), entry.date(), entry.title(),
                entry.content(), entry.mood(), entry.tagNames(), entry.location(), entry.weather(),
                entry.wordCount(), entry.readingTime(), entry.isPrivate(), entry.version(), entry.createdAt(),
                entry.updatedAt());
    }
}
