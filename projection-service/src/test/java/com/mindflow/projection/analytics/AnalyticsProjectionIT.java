package com.mindflow.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;

class AnalyticsProjectionIT extends ProjectionTest {

    @Autowired
    private AnalyticsMaintenance maintenance;

    @Autowired
    @Qualifier("analyticsDataSource")
    private DataSource analyticsDataSource;

    @Test
    void moodsAndActivitiesAreRecordedOnceAndTheAggregatesFollow() {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        LocalDate today = LocalDate.now();
        List<EventEnvelope<?>> history = List.of(user.registered("Cy"), user.loggedIn(),
                user.created(entry, today, "Today", "a good day", Mood.HAPPY, List.of("work", "it's \"fine\"")),
                user.updated(entry, today, "Today", "a sad day after all", Mood.SAD, List.of("work"), 2),
                user.attachmentAdded(entry, UUID.randomUUID(), 3));
        publish(history.toArray(EventEnvelope[]::new));
        eventually().until(() -> activities(user.userId()).size() == 4);

        List<Map<String, Object>> moods = analytics.sql(
                "SELECT mood, mood_score, word_count FROM mood_events WHERE user_id = :u").param("u", user.userId())
                .query().listOfRows();
        assertThat(moods).singleElement().satisfies(row -> {
            assertThat(row.get("mood")).isEqualTo("sad");
            assertThat(((Number) row.get("mood_score")).doubleValue()).isEqualTo(-0.6);
        });
        assertThat(activities(user.userId()))
                .containsExactlyInAnyOrder("login", "entry_created", "entry_updated", "attachment_added");

        // A replay changes nothing.
        publish(history.toArray(EventEnvelope[]::new));
        UUID marker = UUID.randomUUID();
        publish(user.deleted(marker, today.minusDays(1), 2));
        eventually().until(() -> activities(user.userId()).size() == 5);
        assertThat(activities(user.userId())).hasSize(5);
        assertThat(analytics.sql("SELECT COUNT(*) FROM mood_events WHERE user_id = :u").param("u", user.userId())
                .query(Long.class).single()).isEqualTo(1);

        assertThat(maintenance.run()).isTrue();
        Map<String, Object> daily = analytics.sql(
                "SELECT entry_count, most_common_mood FROM mood_daily_summary WHERE user_id = :u")
                .param("u", user.userId()).query().singleRow();
        assertThat(daily).containsEntry("entry_count", 1L).containsEntry("most_common_mood", "sad");
        assertThat(analytics.sql("SELECT entries_created FROM user_weekly_activity WHERE user_id = :u")
                .param("u", user.userId()).query(Long.class).list()).containsExactly(1L);
    }

    @Test
    void maintenanceRunsOnOneInstanceAtATime() throws Exception {
        try (Connection other = analyticsDataSource.getConnection(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(hashtext('mindflow:analytics-maintenance'))");
            assertThat(maintenance.run()).isFalse();
            other.rollback();
        }
        assertThat(maintenance.run()).isTrue();
    }

    private List<String> activities(UUID userId) {
        return analytics.sql("SELECT event_type FROM user_activity_events WHERE user_id = :u ORDER BY time, event_type")
                .param("u", userId).query(String.class).list();
    }
}
