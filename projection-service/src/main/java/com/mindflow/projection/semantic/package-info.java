/**
 * Projection into the Elasticsearch chunk index for semantic search ({@code journal_entry_chunks}): the passages and
 * vectors of {@code JournalEntryEmbedded}, kept to the newest embedded version of each entry and withdrawn with the
 * entry's analysis.
 */
package com.mindflow.projection.semantic;
