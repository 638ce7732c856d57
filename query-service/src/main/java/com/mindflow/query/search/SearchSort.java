package com.mindflow.query.search;

/** {@code relevance}: best match first (newest first among equals); {@code date}: newest entry first. */
enum SearchSort {
    RELEVANCE, DATE
}
