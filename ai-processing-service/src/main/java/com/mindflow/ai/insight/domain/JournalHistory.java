package com.mindflow.ai.insight.domain;

/**
 * The analysable journal before a period began, for the milestones the period crossed.
 *
 * @param entriesBefore entries dated before the period
 * @param wordsBefore   their words
 */
public record JournalHistory(long entriesBefore, long wordsBefore) {

    public static final JournalHistory NONE = new JournalHistory(0, 0);
}
