package com.mindflow.command.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.command.ApiTestBase;
import com.mindflow.command.JournalEventsTap;
import com.mindflow.command.PurgeNotices;

/** Replace, delete, restore and purge of journal entries, over HTTP against the real servers. */
class JournalWriteIT extends ApiTestBase {

    @Autowired
    JournalPurge purge;

    @Autowired
    PurgeNotices purged;

    @Test
    void replaceNeedsTheCurrentVersionInIfMatchAndBumpsIt() {
        Caller me = newUser();
        Response created = post(me, "/api/journals", entry("2026-01-10", "First"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        String path = created.header("Location");

        Response noIfMatch = put(me, path, null, entry("2026-01-10", "Second"));
        assertThat(noIfMatch.status()).isEqualTo(428);
        assertThat(noIfMatch.json().path("code").asString()).isEqualTo("if-match-required");

        Response stale = put(me, path, "\"0\"", entry("2026-01-10", "Second"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("code").asString()).isEqualTo("version-mismatch");
        assertThat(stale.json().path("currentVersion").asInt()).isEqualTo(1);

        Response replaced = put(me, path, "\"1\"", entry("2026-01-10", "Second"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        assertThat(replaced.json().path("version").asInt()).isEqualTo(2);
        assertThat(replaced.json().path("title").asString()).isEqualTo("Second");
        assertThat(replaced.json().path("tags").toString()).isEqualTo("[\"calm\",\"work\"]");

        // Unquoted and weak forms are read too; a second edit on the same old copy is refused.
        assertThat(put(me, path, "2", entry("2026-01-10", "Third")).header("ETag")).isEqualTo("\"3\"");
        assertThat(put(me, path, "W/\"2\"", entry("2026-01-10", "Lost")).status()).isEqualTo(412);
        assertThat(row(UUID.fromString(created.json().path("id").asString()))).containsEntry("title", "Third")
                .containsEntry("version", 3);
    }

    @Test
    void aDateChangeNeedsAFreeDate() {
        Caller me = newUser();
        post(me, "/api/journals", entry("2026-01-10", "Tenth"));
        Response eleventh = post(me, "/api/journals", entry("2026-01-11", "Eleventh"));
        String path = eleventh.header("Location");

        Response taken = put(me, path, "1", entry("2026-01-10", "Eleventh"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("code").asString()).isEqualTo("entry-already-exists");

        Response moved = put(me, path, "1", entry("2026-01-12", "Eleventh"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().path("date").asString()).isEqualTo("2026-01-12");

        Response dateLeftOut = put(me, path, "2", "{\"title\":\"Kept its day\",\"content\":\"x\"}");
        assertThat(dateLeftOut.status()).as(dateLeftOut.toString()).isEqualTo(200);
        assertThat(dateLeftOut.json().path("date").asString()).isEqualTo("2026-01-12");
    }

    @Test
    void deleteIsSoftAndRestoreBringsTheEntryBack() {
        Caller me = newUser();
        Response created = post(me, "/api/journals", entry("2026-01-10", "Kept"));
        String path = created.header("Location");
        UUID id = UUID.fromString(created.json().path("id").asString());

        assertThat(delete(me, path).status()).isEqualTo(204);
        assertThat(row(id).get("deleted_at")).isNotNull();
        assertThat(delete(me, path).status()).as("deleting twice is harmless").isEqualTo(204);
        assertThat(put(me, path, "2", entry("2026-01-10", "Edit")).status()).as("no edits while deleted")
                .isEqualTo(404);

        Response restored = post(me, path + "/restore", null);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.header("ETag")).isEqualTo("\"3\"");
        assertThat(restored.json().path("title").asString()).isEqualTo("Kept");
        assertThat(row(id).get("deleted_at")).isNull();

        Response again = post(me, path + "/restore", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("entry-not-deleted");
    }

    @Test
    void aDeletedEntryFreesItsDayButCannotBeRestoredOverANewOne() {
        Caller me = newUser();
        Response first = post(me, "/api/journals", entry("2026-01-12", "First try"));
        String firstPath = first.header("Location");
        assertThat(delete(me, firstPath).status()).isEqualTo(204);

        Response second = post(me, "/api/journals", entry("2026-01-12", "A new start"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);

        Response restore = post(me, firstPath + "/restore", null);
        assertThat(restore.status()).isEqualTo(409);
        assertThat(restore.json().path("existingEntryId").asString())
                .isEqualTo(second.json().path("id").asString());
        assertThat(row(UUID.fromString(first.json().path("id").asString())).get("deleted_at")).isNotNull();
    }

    @Test
    void deleteWithAStaleIfMatchIsRefused() {
        Caller me = newUser();
        String path = post(me, "/api/journals", entry("2026-01-10", "Kept")).header("Location");
        assertThat(call("DELETE", path, me.token(), null, Map.of("If-Match", "\"7\"")).status()).isEqualTo(412);
        assertThat(call("DELETE", path, me.token(), null, Map.of("If-Match", "\"1\"")).status()).isEqualTo(204);
    }

    @Test
    void restoreAfterTheRetentionWindowIsGone() {
        Caller me = newUser();
        String path = post(me, "/api/journals", entry("2026-01-10", "Late")).header("Location");
        delete(me, path);
        clock.moveBy(Duration.ofDays(30).plusMinutes(1));

        Response late = post(me, path + "/restore", null);
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.json().path("code").asString()).isEqualTo("restore-window-passed");
    }

    @Test
    void thePurgeRemovesEntriesPastTheWindowForGoodAndAnnouncesEach() {
        Caller me = newUser();
        UUID old = id(post(me, "/api/journals", entry("2026-01-10", "Old")));
        UUID recent = id(post(me, "/api/journals", entry("2026-01-11", "Recent")));
        UUID live = id(post(me, "/api/journals", entry("2026-01-12", "Live")));
        delete(me, "/api/journals/" + old);
        clock.moveBy(Duration.ofDays(20));
        delete(me, "/api/journals/" + recent);
        clock.moveBy(Duration.ofDays(11)); // old: 31 days deleted, recent: 11

        purge.purgeExpired();

        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
        assertThat(exists(live)).isTrue();
        assertThat(purged.entries()).contains(new JournalEntryPurged(new JournalEntryId(old), new AuthorId(me.id())))
                .noneMatch(p -> p.entryId().value().equals(recent) || p.entryId().value().equals(live));
        assertThat(post(me, "/api/journals/" + recent + "/restore", null).status()).isEqualTo(200);
    }

    @Test
    void twoPurgersAtOnceRemoveEachEntryOnce() throws Exception {
        Caller me = newUser();
        List<UUID> ids = new java.util.ArrayList<>();
        for (int day = 1; day <= 12; day++) {
            UUID id = id(post(me, "/api/journals", entry("2026-01-%02d".formatted(day), "Gone " + day)));
            delete(me, "/api/journals/" + id);
            ids.add(id);
        }
        clock.moveBy(Duration.ofDays(31));

        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = pool.submit(purge::purgeExpired);
            var second = pool.submit(purge::purgeExpired);
            first.get();
            second.get();
        }

        assertThat(ids).noneMatch(this::exists);
        assertThat(purged.entries()).filteredOn(p -> ids.contains(p.entryId().value()))
                .extracting(p -> p.entryId().value()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void theDateDefaultsToTodayInTheUsersZoneAndMayBeAtMostOneDayAhead() {
        // 12:00 UTC on 10 March is already 01:00 on 11 March in Auckland (UTC+13).
        clock.setTo(Instant.parse("2026-03-10T12:00:00Z"));
        Caller kiwi = newUser(ZoneId.of("Pacific/Auckland"));

        Response today = post(kiwi, "/api/journals", "{\"title\":\"Today\",\"content\":\"Hello\"}");
        assertThat(today.status()).as(today.toString()).isEqualTo(201);
        assertThat(today.json().path("date").asString()).isEqualTo("2026-03-11");

        assertThat(post(kiwi, "/api/journals", entry("2026-03-12", "Tomorrow")).status()).isEqualTo(201);
        Response tooFar = post(kiwi, "/api/journals", entry("2026-03-13", "Later"));
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.json().path("errors").get(0).path("field").asString()).isEqualTo("date");

        Caller utc = newUser();
        assertThat(post(utc, "/api/journals", "{\"title\":\"Today\",\"content\":\"Hi\"}").json().path("date")
                .asString()).isEqualTo("2026-03-10");
        assertThat(post(utc, "/api/journals", entry("2026-03-12", "Too far")).status()).isEqualTo(400);
    }

    @Test
    void theEarliestDateIsTheFirstOf1900() {
        Caller historian = newUser();
        assertThat(post(historian, "/api/journals", entry("1900-01-01", "The first day")).status()).isEqualTo(201);
        for (String date : new String[] { "1899-12-31", "0001-01-01" }) {
            Response tooEarly = post(historian, "/api/journals", entry(date, "Too early"));
            assertThat(tooEarly.status()).as(date).isEqualTo(400);
            assertThat(tooEarly.json().path("errors").get(0).path("field").asString()).isEqualTo("date");
            assertThat(tooEarly.json().path("errors").get(0).path("message").asString()).contains("1900-01-01");
        }
        String id = post(historian, "/api/journals", entry("1950-06-01", "Moved later")).json().path("id").asString();
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entries WHERE user_id = ? AND date < '1900-01-01'")
                .param(historian.id()).query(Integer.class).single()).isZero();
        assertThat(id).isNotBlank();
    }

    @Test
    void anotherUsersEntryIsNotFoundOnEveryRouteAndStaysUntouched() {
        Caller owner = newUser();
        Caller other = newUser();
        Response created = post(owner, "/api/journals", entry("2026-01-10", "Mine"));
        UUID id = id(created);
        String path = created.header("Location");
        Map<String, Object> before = row(id);

        assertThat(put(other, path, "1", entry("2026-01-10", "Theirs")).status()).isEqualTo(404);
        assertThat(delete(other, path).status()).isEqualTo(404);
        assertThat(post(other, path + "/restore", null).status()).isEqualTo(404);
        assertThat(row(id)).isEqualTo(before);

        delete(owner, path);
        Map<String, Object> deleted = row(id);
        assertThat(post(other, path + "/restore", null).status()).isEqualTo(404);
        assertThat(row(id)).isEqualTo(deleted);

        String unknown = "/api/journals/" + UUID.randomUUID();
        assertThat(put(owner, unknown, "1", entry("2026-01-11", "Nope")).status()).isEqualTo(404);
        assertThat(delete(owner, unknown).status()).isEqualTo(404);
        assertThat(post(owner, unknown + "/restore", null).status()).isEqualTo(404);
        // The other user's POST creates their own entry, never touches the owner's day.
        assertThat(post(other, "/api/journals", entry("2026-01-10", "Theirs")).status()).isEqualTo(201);
        assertThat(row(id)).isEqualTo(deleted);
    }

    @Test
    void everyRouteNeedsAToken() {
        String path = "/api/journals/" + UUID.randomUUID();
        assertThat(call("POST", "/api/journals", null, entry("2026-01-10", "x"), Map.of()).status()).isEqualTo(401);
        assertThat(call("PUT", path, null, entry("2026-01-10", "x"), Map.of("If-Match", "1")).status())
                .isEqualTo(401);
        assertThat(call("DELETE", path, null, null, Map.of()).status()).isEqualTo(401);
        assertThat(call("POST", path + "/restore", null, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void createUpdateDeleteAndRestoreReachKafkaInOrderKeyedByTheUser() {
        Caller me = newUser();
        try (JournalEventsTap tap = JournalEventsTap.fromNow()) {
            Response created = post(me, "/api/journals", entry(LocalDate.now(ZoneOffset.UTC).toString(), "One"));
            String path = created.header("Location");
            put(me, path, "1", entry(LocalDate.now(ZoneOffset.UTC).toString(), "Two"));
            delete(me, path);
            post(me, path + "/restore", null);

            List<JournalEventsTap.Event> events = tap.await(me.id(), 7);
            assertThat(events).extracting(JournalEventsTap.Event::type).containsExactly(
                    "JournalEntryCreated", "WritingStreakUpdated", "JournalEntryUpdated", "JournalEntryDeleted",
                    "WritingStreakUpdated", "JournalEntryRestored", "WritingStreakUpdated");
            assertThat(events).extracting(e -> e.payload().path("version").asInt(-1))
                    .containsExactly(1, -1, 2, 3, -1, 4, -1);
            assertThat(events).as("a live write's events are in no bulk lane").allMatch(e -> e.lane() == null);
            assertThat(events.get(2).payload().path("title").asString()).isEqualTo("Two");
            assertThat(events.get(1).payload().path("currentStreak").asInt()).isEqualTo(1);
            assertThat(events.get(4).payload().path("currentStreak").asInt()).isZero();
            assertThat(events.get(4).payload().path("totalEntries").asInt()).isZero();
            assertThat(events.get(6).payload().path("totalEntries").asInt()).isEqualTo(1);
        }
    }

    static String entry(String date, String title) {
        return """
                {"date":"%s","title":"%s","content":"Some *Markdown* words here","mood":"happy",
                 "tags":[" Work ","calm","work"],"location":"Lisbon","weather":"Sunny","isPrivate":false}
                """.formatted(date, title);
    }

    private Response put(Caller caller, String path, String ifMatch, String body) {
        return call("PUT", path, caller.token(), body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    private Response delete(Caller caller, String path) {
        return call("DELETE", path, caller.token(), null, Map.of());
    }

    private static UUID id(Response created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().path("id").asString());
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("SELECT title, date, version, deleted_at, user_id FROM journal_entries WHERE id = ?")
                .param(id).query().singleRow();
    }

    private boolean exists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM journal_entries WHERE id = ?").param(id).query(Long.class).single() > 0;
    }
}
