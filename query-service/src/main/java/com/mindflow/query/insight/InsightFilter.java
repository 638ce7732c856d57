package com.mindflow.query.insight;

import java.time.LocalDate;

/**
 * What a list request narrows the caller's insights to. {@code type}, {@code from} and {@code to} are optional; an
 * insight is in [from, to] when its period overlaps it.
 */
record InsightFilter(String type, LocalDate from, LocalDate to, int page, int size) {
}
