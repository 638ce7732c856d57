package com.mindflow.query.changes;

import com.mindflow.support.readside.JournalChangeNotice;

/** Told about every change notice this instance receives, on the subscription's thread: return quickly. */
public interface JournalChangeListener {

    void onJournalChange(JournalChangeNotice notice);
}
