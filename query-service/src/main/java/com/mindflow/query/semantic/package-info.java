/**
 * Semantic retrieval over the caller's embedded entries: the {@code journal_entry_chunks} alias (kNN on the chunk
 * vectors ai-processing-service computed and projection-service indexed), the in-process query embedder (the same
 * quantized all-MiniLM-L6-v2), the read-model cross-check that keeps private, deleted and private-mode entries out,
 * {@code GET /api/journals/{id}/similar} and {@code POST /api/journal/ask}. {@code search} uses it for the semantic and
 * hybrid modes of {@code /api/search}.
 */
package com.mindflow.query.semantic;
