package com.mindflow.command.export;

/** The user has an export queued or running already: one at a time (429). */
class ExportInProgress extends RuntimeException {

    private final DataExportId running;

    ExportInProgress(DataExportId running) {
        super("An export of this account is in progress already");
        this.running = running;
    }

    /** The export in progress; null when the database refused the second one before we could see the first. */
    DataExportId running() {
        return running;
    }
}
