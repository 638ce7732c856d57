package com.mindflow.command.journal;

/** The author edited a copy older than the entry's current version (If-Match did not match). */
public class StaleEntry extends RuntimeException {

    private final int currentVersion;

    public StaleEntry(JournalEntryId entry, int currentVersion) {
        super("Entry " + entry + " has changed since; its current version is " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }
}
