package com.mindflow.query.insight;

import java.util.List;

/** A page of the caller's insights, newest period first; {@code hasMore} says whether page + 1 has anything. */
public record InsightPage(List<InsightView> items, int page, int size, boolean hasMore) {
}
