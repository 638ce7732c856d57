package com.mindflow.ai.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.mindflow.ai.AiProcessingIT;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.user.UserConsent;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettings;
import com.mindflow.events.user.UserSettingsUpdated;

/**
 * An import's entries (the write side marks them {@code mindflow-lane: bulk}) are analysed and embedded by a group
 * of their own: a live entry of another user on the same partition is done while the import's backlog is still
 * draining, every imported entry is still done exactly once, and one deleted or made private before the lane
 * reaches it is never read.
 */
class BulkLaneIT extends AiProcessingIT {

    private static final String DAY = "Woke early and walked to the bakery before the town was awake. The bread was"
            + " still warm and I ate half of it on the bench by the river while the ducks argued over the crumbs."
            + " Work was slow this afternoon, a long review that went nowhere, but I cooked a good dinner and called"
            + " my sister, who is finally feeling better after the surgery. ";

    @Test
    void aLiveEntryOnTheSamePartitionIsDoneWhileAnImportDrains() {
        UUID importer = registered(UUID.randomUUID());
        UUID neighbour = registered(onThePartitionOf(importer));
        int imported = 200;
        List<UUID> entries = new ArrayList<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < imported; i++) {
            UUID entry = UUID.randomUUID();
            entries.add(entry);
            // About 300 words: four passages each, so the backlog takes the embedding several seconds.
            sent.add(send(created(importer, entry, LocalDate.of(2020, 1, 1).plusDays(i), "Day " + i,
                    DAY.repeat(4), false), true));
        }
        sent.forEach(CompletableFuture::join);
        UUID live = UUID.randomUUID();
        send(created(neighbour, live, LocalDate.now(), "Today", "A calm and happy day at home.", false), false)
                .join();

        // The analysis and the embedding are separate works, published as each ends: neither waits for the other.
        eventually().until(() -> embedded(neighbour).contains(live) && analysed(neighbour).contains(live));
        long importedByThen = embedded(importer).size();
        assertThat(importedByThen).as("the import's entries embedded when the live one was").isLessThan(imported);
        assertThat(analysed(neighbour)).containsExactly(live);

        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> embedded(importer).size() == imported);
        assertThat(analysed(importer)).as("analysed once each, by the bulk lane only")
                .hasSize(imported).containsExactlyInAnyOrderElementsOf(entries);
        assertThat(embedded(importer)).hasSize(imported);
        assertThat(jdbc.sql("SELECT count(*) FROM ai_entry_facts WHERE user_id = :u").param("u", importer)
                .query(Integer.class).single()).isEqualTo(imported);
    }

    @Test
    void anImportedEntryDeletedOrMadePrivateBeforeTheLaneReachesItIsNeverRead() {
        UUID user = registered(UUID.randomUUID());
        UUID deleted = UUID.randomUUID();
        UUID madePrivate = UUID.randomUUID();
        // The live lane reads the delete and the switch to private first: the import's versions come after them.
        send(EventEnvelope.of(new JournalEntryDeleted(deleted, user, LocalDate.of(2021, 5, 1), 2, Instant.now()),
                "test"), false).join();
        send(updated(user, madePrivate, LocalDate.of(2021, 5, 2), "Mine", "Just for me.", true, 2), false).join();
        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_entry_withdrawals WHERE user_id = :u")
                .param("u", user).query(Integer.class).single() == 2);
        send(created(user, deleted, LocalDate.of(2021, 5, 1), "Gone", "A happy day, since deleted.", false), true)
                .join();
        send(created(user, madePrivate, LocalDate.of(2021, 5, 2), "Mine", "A happy day, now private.", false), true)
                .join();
        UUID kept = UUID.randomUUID();
        send(created(user, kept, LocalDate.of(2021, 5, 3), "Kept", "A happy day that stays.", false), true).join();

        // The lane reads a user's entries in order: once the last is out, the two before it were passed over.
        eventually().until(() -> embedded(user).contains(kept) && analysed(user).contains(kept));
        assertThat(analysed(user)).containsExactly(kept);
        assertThat(embedded(user)).containsExactly(kept);
        assertThat(jdbc.sql("SELECT journal_entry_id FROM ai_entry_facts WHERE user_id = :u").param("u", user)
                .query(UUID.class).list()).containsExactly(kept);
        assertThat(outFor(user)).filteredOn(e -> e.payload() instanceof JournalEntryAnalysisWithdrawn).hasSize(2);
    }

    @Test
    void aUserWhoTurnsOnPrivateModeWhileTheirImportDrainsKeepsNothingOfIt() {
        UUID user = registered(UUID.randomUUID());
        UUID sentinel = registered(onThePartitionOf(user));
        int imported = 60;
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < imported; i++) {
            sent.add(send(created(user, UUID.randomUUID(), LocalDate.of(2019, 1, 1).plusDays(i), "Day " + i,
                    DAY.repeat(2), false), true));
        }
        sent.forEach(CompletableFuture::join);
        eventually().until(() -> analysed(user).size() >= 5);
        send(EventEnvelope.of(new UserSettingsUpdated(user, new UserSettings(true, true, true, true, true),
                Instant.now()), "test"), false).join();
        // Behind the import on the same partition: once it is out, the lane has passed every entry of the import.
        UUID last = UUID.randomUUID();
        send(created(sentinel, last, LocalDate.of(2021, 1, 1), "After", "A good day.", false), true).join();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> embedded(sentinel).contains(last));

        assertThat(analysed(user)).as("the lane stopped reading the user's entries").hasSizeLessThan(imported);
        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_entry_facts WHERE user_id = :u").param("u", user)
                .query(Integer.class).single() == 0);
        List<Object> events = outFor(user).stream().<Object>map(EventEnvelope::payload).toList();
        int lastAnalysis = lastIndexOf(events, JournalEntryAnalysed.class);
        assertThat(lastIndexOf(events, UserAnalysesWithdrawn.class))
                .as("a withdrawal of everything after the last analysis the consumers saw").isGreaterThan(lastAnalysis);
    }

    @Test
    void importedEntriesDeletedWhileTheLaneReadsThemEndWithdrawn() {
        UUID user = registered(UUID.randomUUID());
        UUID sentinel = registered(onThePartitionOf(user));
        List<UUID> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID entry = UUID.randomUUID();
            entries.add(entry);
            // The import writes it, the user deletes it at once: two groups read the two events at the same time.
            send(created(user, entry, LocalDate.of(2018, 1, 1).plusDays(i), "Day " + i, DAY, false), true).join();
            send(EventEnvelope.of(new JournalEntryDeleted(entry, user, LocalDate.of(2018, 1, 1).plusDays(i), 2,
                    Instant.now()), "test"), false).join();
        }
        UUID last = UUID.randomUUID();
        send(created(sentinel, last, LocalDate.of(2021, 1, 1), "After", "A good day.", false), true).join();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> embedded(sentinel).contains(last));

        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_entry_facts WHERE user_id = :u").param("u", user)
                .query(Integer.class).single() == 0);
        for (UUID entry : entries) {
            List<Object> about = outFor(user).stream().filter(e -> e.aggregateId().equals(entry))
                    .<Object>map(EventEnvelope::payload).toList();
            assertThat(lastIndexOf(about, JournalEntryAnalysisWithdrawn.class)).as("entry %s: %s", entry, about)
                    .isGreaterThan(lastIndexOf(about, JournalEntryAnalysed.class));
        }
    }

    private static int lastIndexOf(List<Object> events, Class<?> type) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private UUID registered(UUID user) {
        Instant now = Instant.now();
        send(EventEnvelope.of(new UserRegistered(user, user + "@example.com", "Tester", null, "Europe/Lisbon", "en",
                "system", true, new UserSettings(true, false, true, true, true),
                new UserConsent("v1.0", now, "v1.0", now, true, false), now), "test"), false).join();
        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_users WHERE user_id = :id").param("id", user)
                .query(Integer.class).single() == 1);
        return user;
    }

    private static List<UUID> analysed(UUID user) {
        return outFor(user).stream().filter(e -> e.payload() instanceof JournalEntryAnalysed)
                .map(e -> ((JournalEntryAnalysed) e.payload()).entryId()).toList();
    }

    private static List<UUID> embedded(UUID user) {
        return outFor(user).stream().filter(e -> e.payload() instanceof JournalEntryEmbedded)
                .map(e -> ((JournalEntryEmbedded) e.payload()).entryId()).toList();
    }

    private static EventEnvelope<JournalEntryCreated> created(UUID user, UUID entry, LocalDate date, String title,
            String content, boolean isPrivate) {
        Instant now = Instant.now();
        return EventEnvelope.of(new JournalEntryCreated(entry, user, date, title, content, Mood.NEUTRAL, List.of(),
                null, null, content.split("\\s+").length, 30, isPrivate, 1, now, now), "test");
    }

    private static EventEnvelope<JournalEntryUpdated> updated(UUID user, UUID entry, LocalDate date, String title,
            String content, boolean isPrivate, int version) {
        Instant now = Instant.now();
        return EventEnvelope.of(new JournalEntryUpdated(entry, user, date, title, content, Mood.NEUTRAL, List.of(),
                null, null, content.split("\\s+").length, 30, isPrivate, version, now.minusSeconds(5), now), "test");
    }
}
