/**
 * Journal import: {@code POST /api/me/imports} takes a MindFlow export archive, a Day One JSON export or a Daylio CSV
 * export, checks the whole file first (archive safety, structure, every entry), then writes the entries through the
 * journal's own path ({@link com.mindflow.command.journal.Journal}) in batches, with a ledger that makes a second
 * import of the same file add nothing. Progress and per-entry results are kept in {@code journal_imports} and
 * {@code journal_import_results}.
 */
package com.mindflow.command.imports;
