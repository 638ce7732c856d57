package com.mindflow.command.journal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Every journal entry of the write database. */
interface JournalEntries extends Repository<JournalEntry, UUID> {

    JournalEntry save(JournalEntry entry);

    /** The entry an author already has for a day, deleted ones included: the seed's uq_user_date spans both. */
    @Query("select e from JournalEntry e where e.userId = :author and e.date = :date")
    Optional<JournalEntry> findForDay(UUID author, LocalDate date);

    /** One of the author's entries; another author's entry is as absent as an unknown id. */
    @Query("select e from JournalEntry e where e.id = :id and e.userId = :author")
    Optional<JournalEntry> findOwn(UUID id, UUID author);
}
