package com.mindflow.auth.reminder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The writing reminder.
 *
 * @param eveningHour from this hour of the user's local day on (0–23), a day without an entry gets its reminder
 * @param scanEvery   how often the job looks for users to remind (also its delay after start-up)
 * @param batchSize   users claimed and mailed per query
 */
@ConfigurationProperties("mindflow.auth.reminders")
public record ReminderSettings(
        @DefaultValue("20") int eveningHour,
        @DefaultValue("5m") Duration scanEvery,
        @DefaultValue("100") int batchSize) {

    public ReminderSettings {
        if (eveningHour < 0 || eveningHour > 23) {
            throw new IllegalArgumentException("mindflow.auth.reminders.evening-hour must be 0..23: " + eveningHour);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("mindflow.auth.reminders.batch-size must be positive: " + batchSize);
        }
    }
}
