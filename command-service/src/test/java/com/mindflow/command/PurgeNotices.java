package com.mindflow.command;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;

import com.mindflow.command.journal.JournalEntryPurged;

/** Collects the in-process purge notices, as the attachment feature receives them. */
public class PurgeNotices {

    private final List<JournalEntryPurged> entries = new CopyOnWriteArrayList<>();

    @EventListener
    void on(JournalEntryPurged purged) {
        entries.add(purged);
    }

    public List<JournalEntryPurged> entries() {
        return entries;
    }
}
