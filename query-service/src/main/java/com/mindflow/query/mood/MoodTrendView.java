package com.mindflow.query.mood;

/**
 * The seed's trend split over the last {@code days} days, in whole percent of the {@code total} entries that have a
 * mood: positive = ecstatic + happy, neutral, negative = sad + anxious + angry. The three add up to 100 (0 when
 * {@code total} is 0).
 */
public record MoodTrendView(int days, int positive, int neutral, int negative, int total) {
}
