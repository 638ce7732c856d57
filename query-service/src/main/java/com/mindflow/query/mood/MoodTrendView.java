package com.mindflow.query.mood;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The seed's trend split over the last {@code days} days, in whole percent of the {@code total} entries that have a
 * mood: positive = ecstatic + happy, neutral, negative = sad + anxious + angry. The three add up to 100 (0 when
 * {@code total} is 0).
 */
@Schema(description = "The user's mood trend over the last days: the share of positive, neutral and negative moods "
        + "among the entries with a mood. The three shares add up to 100 (all 0 when `total` is 0).")
public record MoodTrendView(@Schema(description = "The days looked at (7, 30 or 90), ending today in the user's "
        + "time zone.") int days,
        @Schema(description = "Percent of `total` that were `ecstatic` or `happy`.") int positive,
        @Schema(description = "Percent of `total` that were `neutral`.") int neutral,
        @Schema(description = "Percent of `total` that were `sad`, `anxious` or `angry`.") int negative,
        @Schema(description = "Entries with a mood in these days.") int total) {
}
