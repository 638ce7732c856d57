package com.mindflow.query.live;

import java.time.LocalDate;
import java.util.UUID;

import com.mindflow.support.readside.JournalChangeNotice;

/** What a device receives on /ws when one of its user's entries changed; it re-reads the entry over HTTP. */
record EntryChangedMessage(String type, UUID entryId, long version, String change, LocalDate date) {

    static EntryChangedMessage of(JournalChangeNotice notice) {
        return new EntryChangedMessage("entry-changed", notice.entryId(), notice.version(), notice.change(),
                notice.date());
    }
}
