package com.mindflow.query.search;

/**
 * {@code keyword}: BM25 full text over {@code journal_entries} (the default, what /api/search always did);
 * {@code semantic}: kNN over the caller's embedded chunks, one hit per entry; {@code hybrid}: both, fused by reciprocal
 * rank (k = 60).
 */
enum SearchMode {
    KEYWORD, SEMANTIC, HYBRID
}
