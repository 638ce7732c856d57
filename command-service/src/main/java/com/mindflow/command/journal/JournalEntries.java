package com.mindflow.command.journal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Every journal entry of the write database. */
interface JournalEntries extends Repository<JournalEntry, UUID> {

    JournalEntry save(JournalEntry entry);

    /**
     * The live entry an author has for a day. A deleted entry frees its day (uq_user_date is a partial unique index
     * over live entries, see db-migrations/DESIGN-NOTES.md).
     */
    @Query("select e from JournalEntry e where e.userId = :author and e.date = :date and e.deletedAt is null")
    Optional<JournalEntry> findForDay(UUID author, LocalDate date);

    /** One of the author's entries; another author's entry is as absent as an unknown id. */
    @Query("select e from JournalEntry e where e.id = :id and e.userId = :author")
    Optional<JournalEntry> findOwn(UUID id, UUID author);
}
