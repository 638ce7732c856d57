package com.mindflow.projection.readmodel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.support.readside.ReadCacheKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReadModelProjectionIT extends ProjectionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private StringRedisTemplate redis;

    @Test
    void anEntryReachesTheJournalsViewTheCalendarAndTheProfileAndEvictsTheCaches() {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        LocalDate day = LocalDate.of(2025, 10, 25);
        redis.opsForValue().set(ReadCacheKeys.recentEntries(user.userId()), "stale");
        redis.opsForValue().set(ReadCacheKeys.moodTrend(user.userId(), 30), "stale");

        publish(user.registered("Ana"), user.loggedIn(),
                user.created(entry, day, "A reflective evening", "productive but stressful day", Mood.HAPPY,
                        List.of("work", "stress")),
                user.streak(3, 5, 7, 700));

        eventually().until(() -> profile(user.userId()).get("total_entries").equals(7));
        Map<String, Object> row = journal(entry);
        assertThat(row).containsEntry("user_name", "Ana").containsEntry("title", "A reflective evening")
                .containsEntry("mood", "happy").containsEntry("version", 1L);
        assertThat(JSON.readTree(row.get("tags").toString()).toString()).isEqualTo("[\"stress\",\"work\"]");

        Map<String, Object> profile = profile(user.userId());
        assertThat(profile).containsEntry("display_name", "Ana").containsEntry("current_streak", 3)
                .containsEntry("longest_streak", 5).containsEntry("avg_words_per_entry", 100);
        assertThat(profile.get("last_login_at")).isNotNull();
        assertThat(JSON.readTree(profile.get("settings").toString()).path("emailNotifications")
                .path("weeklyInsights").asBoolean()).isTrue();

        JsonNode calendar = calendar(user.userId(), 2025, 10);
        assertThat(calendar.size()).isEqualTo(31);
        assertThat(calendar.get(24).path("date").asString()).isEqualTo("2025-10-25");
        assertThat(calendar.get(24).path("mood").asString()).isEqualTo("happy");
        assertThat(calendar.get(24).path("hasEntry").asBoolean()).isTrue();
        assertThat(calendar.get(0).path("hasEntry").asBoolean()).isFalse();
        assertThat(calendarCount(user.userId(), 2025, 10)).isEqualTo(1);

        eventually().until(() -> !redis.hasKey(ReadCacheKeys.recentEntries(user.userId()))
                && !redis.hasKey(ReadCacheKeys.moodTrend(user.userId(), 30)));
    }

    @Test
    void attachmentsFollowTheEntryThroughDeleteAndRestore() {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        UUID photo = UUID.randomUUID();
        UUID scan = UUID.randomUUID();
        LocalDate day = LocalDate.of(2025, 9, 3);
        publish(user.created(entry, day, "Trip", "mountains and lakes", Mood.ECSTATIC, List.of("travel")),
                user.attachmentAdded(entry, photo, 2), user.attachmentAdded(entry, scan, 3),
                user.attachmentRemoved(entry, scan, 4));

        eventually().until(() -> journal(entry).get("version").equals(4L));
        Map<String, Object> row = journal(entry);
        assertThat(row.get("attachment_count")).isEqualTo(1L);
        JsonNode attachments = JSON.readTree(row.get("attachments").toString());
        assertThat(attachments.size()).isEqualTo(1);
        assertThat(attachments.get(0).path("id").asString()).isEqualTo(photo.toString());
        assertThat(attachments.get(0).path("s3Key").asString()).endsWith(photo.toString());
        assertThat(attachments.get(0).has("url")).isFalse();

        publish(user.deleted(entry, day, 5));
        eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", entry)
                .query(Long.class).single() == 0);
        assertThat(calendarCount(user.userId(), 2025, 9)).isZero();

        publish(user.restored(entry, day, "Trip", "mountains and lakes", Mood.ECSTATIC, List.of("travel"), 6));
        eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", entry)
                .query(Long.class).single() == 1);
        assertThat(journal(entry).get("attachment_count")).isEqualTo(1L);
        assertThat(calendarCount(user.userId(), 2025, 9)).isEqualTo(1);
    }

    @Test
    void aReplayChangesNothingAndAnOlderVersionIsIgnored() {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        LocalDate day = LocalDate.of(2025, 8, 14);
        List<EventEnvelope<?>> history = List.of(
                user.registered("Bo"),
                user.created(entry, day, "First", "one two", Mood.SAD, List.of("a")),
                user.updated(entry, day, "Second", "one two three", Mood.HAPPY, List.of("b"), 2),
                user.attachmentAdded(entry, UUID.randomUUID(), 3),
                user.updated(entry, day, "Third", "one two three four", Mood.NEUTRAL, List.of("c"), 4));
        history.forEach(this::publish);
        eventually().until(() -> journal(entry).get("version").equals(4L));
        Map<String, Object> before = journal(entry);
        JsonNode calendarBefore = calendar(user.userId(), 2025, 8);

        // The same events again (a redelivery or a replay), then a stale update that overtook nothing.
        history.forEach(this::publish);
        publish(user.updated(entry, day, "Stale", "old text", Mood.ANGRY, List.of("old"), 3));
        UUID marker = UUID.randomUUID();
        publish(user.created(marker, day.plusDays(1), "Marker", "after the replay", Mood.HAPPY, List.of()));
        eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", marker)
                .query(Long.class).single() == 1);

        Map<String, Object> after = journal(entry);
        after.remove("user_name");
        before.remove("user_name");
        assertThat(after).isEqualTo(before);
        assertThat(after.get("title")).isEqualTo("Third");
        assertThat(calendar(user.userId(), 2025, 8).get(13)).isEqualTo(calendarBefore.get(13));
    }

    @Test
    void theReadModelAnnouncesEachEntryChangeOnTheUsersChannel() throws Exception {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        LocalDate day = LocalDate.of(2025, 11, 2);
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis.getConnectionFactory());
        // Delivered on the subscription's thread, in the order Redis sends them: the default executor hands each
        // message to a thread of its own, which can put a later notice first.
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener((message, pattern) -> notices.add(new String(message.getBody(), UTF_8)),
                new ChannelTopic(ReadCacheKeys.journalChanges(user.userId())));
        container.afterPropertiesSet();
        container.start();
        try {
            Thread.sleep(500);
            publish(user.created(entry, day, "Notice", "me", Mood.HAPPY, List.of()),
                    user.attachmentAdded(entry, UUID.randomUUID(), 2),
                    user.deleted(entry, day, 3));
            List<JsonNode> received = new ArrayList<>();
            eventually().until(() -> {
                String next = notices.poll();
                if (next != null) {
                    received.add(JSON.readTree(next));
                }
                return received.size() == 3;
            });
            assertThat(received).extracting(n -> n.path("change").asString())
                    .containsExactly("created", "attachments", "deleted");
            assertThat(received).extracting(n -> n.path("version").asInt()).containsExactly(1, 2, 3);
            assertThat(received.getFirst().path("entryId").asString()).isEqualTo(entry.toString());
            assertThat(received.getFirst().path("date").asString()).isEqualTo("2025-11-02");
        }
        finally {
            container.stop();
            container.destroy();
        }
    }

    private Map<String, Object> journal(UUID id) {
        return read.sql("""
                SELECT user_name, title, content, mood, tags::text AS tags, attachments::text AS attachments,
                       attachment_count, version, updated_at FROM journals_view WHERE id = :id
                """).param("id", id).query().singleRow();
    }

    private Map<String, Object> profile(UUID userId) {
        return read.sql("""
                SELECT display_name, current_streak, longest_streak, total_entries, avg_words_per_entry,
                       last_login_at, settings::text AS settings
                  FROM user_profile_view WHERE id = :id
                """).param("id", userId).query().listOfRows().stream().findFirst().orElse(Map.of("total_entries", -1));
    }

    private JsonNode calendar(UUID userId, int year, int month) {
        String data = read.sql("SELECT calendar_data::text FROM mood_calendar_cache WHERE user_id = :u AND year = :y AND month = :m")
                .param("u", userId).param("y", year).param("m", month).query(String.class).single();
        return JSON.readTree(data);
    }

    private int calendarCount(UUID userId, int year, int month) {
        return read.sql("SELECT entry_count FROM mood_calendar_cache WHERE user_id = :u AND year = :y AND month = :m")
                .param("u", userId).param("y", year).param("m", month).query(Integer.class).single();
    }
}
