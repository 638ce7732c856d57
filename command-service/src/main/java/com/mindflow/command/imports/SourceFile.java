package com.mindflow.command.imports;

import java.util.List;

/** A whole file, read and checked, ready to be written; holds the unpacked archive (if any) until closed. */
record SourceFile(ImportFormat format, List<SourceEntry> entries, SafeArchive archive) implements AutoCloseable {

    SourceFile {
        entries = List.copyOf(entries);
    }

    @Override
    public void close() {
        if (archive != null) {
            archive.close();
        }
    }
}
