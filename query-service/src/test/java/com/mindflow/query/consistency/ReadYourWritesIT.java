package com.mindflow.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.query.support.QueryServiceIT;
import com.mindflow.query.support.SearchIndexFixture;
import com.mindflow.support.readside.JournalChangeNotice;
import com.mindflow.support.readside.ReadCacheKeys;

/**
 * X-Consistency-Entry/-Version: the read waits for the projection (woken by the change notice, or by polling), or
 * serves what it has after the bound, marked stale.
 */
class ReadYourWritesIT extends QueryServiceIT {

    @BeforeAll
    static void index() {
        SearchIndexFixture.ensureAlias();
    }

    private static String[] waitFor(UUID entryId, long version) {
        return new String[] { "X-Consistency-Entry", entryId.toString(), "X-Consistency-Version", "\"" + version + "\"" };
    }

    private void notice(SeededEntry entry, String change) {
        redis.convertAndSend(ReadCacheKeys.journalChanges(entry.userId()), JSON.writeValueAsString(
                new JournalChangeNotice(entry.id(), entry.userId(), entry.date(), (int) entry.version(), change)));
    }

    private static void later(long millis, Runnable action) {
        CompletableFuture.runAsync(action, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    @Test
    void aReadWaitsUntilTheReadModelReachesTheVersionAndIsWokenByTheNotice() {
        var alice = newUser();
        var v1 = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 5, 1), "Before", "happy"));
        var v2 = new SeededEntry(v1.id(), v1.userId(), v1.date(), "After", v1.content(), v1.mood(), v1.tags(),
                false, "[]", 2);
        later(400, () -> {
            seed(v2);
            notice(v2, "updated");
        });

        long started = System.nanoTime();
        HttpResponse<String> response = get("/api/journals/" + v1.id(), alice, waitFor(v1.id(), 2));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Consistency")).hasValue("reached");
        assertThat(json(response).path("title").asString()).isEqualTo("After");
        assertThat(took).isGreaterThan(Duration.ofMillis(350));
    }

    @Test
    void aDeleteIsOnlyKnownFromItsNoticeAndEndsTheWait() {
        var alice = newUser();
        var entry = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 5, 8), "Short-lived", "happy"));
        later(300, () -> {
            readDb.sql("DELETE FROM journals_view WHERE id = :id").param("id", entry.id()).update();
            notice(entry.withVersion(2), "deleted");
        });
        HttpResponse<String> response = get("/api/journals/" + entry.id(), alice, waitFor(entry.id(), 2));
        assertThat(response.headers().firstValue("X-Consistency")).hasValue("reached");
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void withoutANoticeThePollFindsTheVersion() {
        var alice = newUser();
        var v1 = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 5, 2), "Before", "happy"));
        later(300, () -> seed(v1.withVersion(2)));
        HttpResponse<String> response = get("/api/journals/" + v1.id(), alice, waitFor(v1.id(), 2));
        assertThat(response.headers().firstValue("X-Consistency")).hasValue("reached");
        assertThat(json(response).path("version").asLong()).isEqualTo(2);
    }

    @Test
    void afterTheBoundTheReadIsServedAndMarkedStale() {
        var alice = newUser();
        var v1 = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 5, 3), "Only v1", "sad"));
        long started = System.nanoTime();
        HttpResponse<String> response = get("/api/journals/" + v1.id(), alice, waitFor(v1.id(), 7));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Consistency")).hasValue("stale");
        assertThat(json(response).path("version").asLong()).isEqualTo(1);
        assertThat(took).isBetween(Duration.ofMillis(1_900), Duration.ofMillis(5_000));
    }

    @Test
    void theRecentPageSkipsItsCacheForAReadYourWritesRead() {
        var alice = newUser();
        seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 5, 4), "First", "happy"));
        assertThat(json(get("/api/journals", alice)).path("items")).hasSize(1); // now cached
        var second = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 5, 5), "Second", "happy"));
        HttpResponse<String> response = get("/api/journals", alice, waitFor(second.id(), 1));
        assertThat(response.headers().firstValue("X-Consistency")).hasValue("reached");
        assertThat(json(response).path("items")).hasSize(2);
        assertThat(json(get("/api/journals", alice)).path("items")).hasSize(2);
    }

    @Test
    void searchWaitsForTheSearchableVersionOfTheDocument() {
        var alice = newUser();
        UUID entryId = UUID.randomUUID();
        SearchIndexFixture.index(document(entryId, alice.id(), "Lighthouse"), 1);
        later(400, () -> SearchIndexFixture.index(document(entryId, alice.id(), "Lighthouse keeper"), 2));

        HttpResponse<String> response = get("/api/search?q=keeper", alice, waitFor(entryId, 2));

        assertThat(response.headers().firstValue("X-Consistency")).hasValue("reached");
        assertThat(json(response).path("total").asLong()).isEqualTo(1);

        HttpResponse<String> stale = get("/api/search?q=keeper", alice, waitFor(entryId, 3));
        assertThat(stale.headers().firstValue("X-Consistency")).hasValue("stale");
        assertThat(json(stale).path("total").asLong()).isEqualTo(1);
    }

    @Test
    void anotherUsersEntryNeverCountsAsReached() {
        var alice = newUser();
        var mallory = newUser();
        var entry = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 5, 6), "Alice's", "happy"));
        HttpResponse<String> response = get("/api/journals", mallory, waitFor(entry.id(), 1));
        assertThat(response.headers().firstValue("X-Consistency")).hasValue("stale");
        assertThat(json(response).path("items").isEmpty()).isTrue();
    }

    @Test
    void malformedConsistencyHeadersAreProblemsNamingTheHeader() {
        var alice = newUser();
        UUID id = UUID.randomUUID();
        assertThat(problemFields(get("/api/journals", alice, "X-Consistency-Version", "2")))
                .containsExactly("X-Consistency-Entry");
        assertThat(problemFields(get("/api/journals", alice, "X-Consistency-Entry", id.toString())))
                .containsExactly("X-Consistency-Version");
        assertThat(problemFields(get("/api/journals", alice, "X-Consistency-Entry", "nope",
                "X-Consistency-Version", "2"))).containsExactly("X-Consistency-Entry");
        assertThat(problemFields(get("/api/journals", alice, "X-Consistency-Entry", id.toString(),
                "X-Consistency-Version", "two"))).containsExactly("X-Consistency-Version");
        assertThat(problemFields(get("/api/journals", alice, "X-Consistency-Entry", id.toString(),
                "X-Consistency-Version", "0"))).containsExactly("X-Consistency-Version");
    }

    private static Map<String, Object> document(UUID id, UUID user, String title) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id.toString());
        doc.put("userId", user.toString());
        doc.put("date", "2025-05-07");
        doc.put("title", title);
        doc.put("content", "Walked to the " + title.toLowerCase());
        doc.put("mood", "happy");
        doc.put("tags", List.of("walks"));
        doc.put("isPrivate", false);
        return doc;
    }
}
