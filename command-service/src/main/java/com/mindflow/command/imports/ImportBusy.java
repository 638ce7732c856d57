package com.mindflow.command.imports;

/** The user has an import queued or running already: one at a time (429). */
public class ImportBusy extends RuntimeException {

    public ImportBusy() {
        super("An import of yours is still running; start the next one when it has finished");
    }
}
