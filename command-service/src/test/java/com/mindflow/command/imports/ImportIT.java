package com.mindflow.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.command.JobProgressProbe;
import com.mindflow.command.JournalEventsTap;
import com.mindflow.events.EventHeaders;
import com.mindflow.support.live.JobProgress;
import com.mindflow.testsupport.corpus.ImportFiles;
import com.mindflow.testsupport.corpus.ImportFiles.MindflowEntry;

import tools.jackson.databind.JsonNode;

/**
 * Imports end to end against the real PostgreSQL, S3 server and Kafka: each format's mapping (content, moods, tags,
 * dates, attachments), idempotency, conflicts, ownership, one import at a time, and every kind of bad file refused
 * with a problem before anything is written.
 */
class ImportIT extends ImportTestBase {

    @Test
    void aMindflowArchiveImportsEntriesTagsMoodsDatesAndAttachments() {
        Caller ana = newUser();
        byte[] picture = ImportFiles.png();
        MindflowEntry first = MindflowEntry.of("2024-03-01", "Spring run", "Ran *5 km* by the river.", "happy",
                "Run", "family").with("Lisbon", "sunny, 18 °C", true, Map.of("river.png", picture));
        MindflowEntry second = MindflowEntry.of("2024-03-02", "Quiet day", "Read a book.", null);
        byte[] archive = ImportFiles.mindflowArchive(List.of(first, second));
        JournalEventsTap tap = JournalEventsTap.fromNow();

        HttpResponse<String> started = upload(ana, archive, "export.zip", null);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/me/imports/");
        JsonNode done = awaitFinished(ana, location);
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("format").asString()).isEqualTo("mindflow");
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        assertThat(done.at("/counts/imported").asInt()).isEqualTo(2);

        Map<String, Object> run = entry(ana, "2024-03-01");
        assertThat(run).containsEntry("title", "Spring run").containsEntry("content", "Ran *5 km* by the river.")
                .containsEntry("mood", "happy").containsEntry("location", "Lisbon")
                .containsEntry("weather", "sunny, 18 °C").containsEntry("is_private", true)
                .containsEntry("tags", "family,run");
        assertThat(entry(ana, "2024-03-02")).containsEntry("mood", null).containsEntry("tags", "");
        UUID runId = (UUID) run.get("id");
        assertThat(jdbc.sql("SELECT file_name FROM attachments WHERE journal_entry_id = :e")
                .param("e", runId).query(String.class).list()).containsExactly("river.png");
        assertThat(objects(ana.id())).hasSize(2); // the file and its thumbnail
        // Through the outbox to Kafka, as any write: two entries (and the streak they make), one attachment.
        try (tap) {
            List<JournalEventsTap.Event> events = tap.await(ana.id(), 4);
            List<String> types = events.stream().map(JournalEventsTap.Event::type).toList();
            assertThat(types).containsSubsequence("JournalEntryCreated", "JournalEntryCreated", "AttachmentAdded");
            // The entries are a bulk write's: the AI's costly per-entry work takes them behind live entries.
            assertThat(events).filteredOn(e -> e.type().equals("JournalEntryCreated"))
                    .allMatch(e -> EventHeaders.BULK.equals(e.lane()));
            assertThat(events).filteredOn(e -> e.type().equals("AttachmentAdded")).allMatch(e -> e.lane() == null);
        }
    }

    @Test
    void progressIsPushedToTheUsersChannelAfterEachBatchAndAtTheEnd() throws Exception {
        Caller ana = newUser();
        byte[] archive = ImportFiles.mindflowArchive(List.of(
                MindflowEntry.of("2021-06-01", "One", "first", "happy"),
                MindflowEntry.of("2021-06-02", "Two", "second", "sad")));
        try (JobProgressProbe probe = JobProgressProbe.listen(redis, ana.id())) {
            String location = upload(ana, archive, "export.zip", null).headers().firstValue("Location").orElseThrow();
            UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

            List<JobProgress> pushed = probe.untilFinished(JobProgress.IMPORT);

            assertThat(pushed).extracting(JobProgress::jobId).containsOnly(id);
            assertThat(pushed).extracting(JobProgress::userId).containsOnly(ana.id());
            assertThat(pushed.getFirst()).as("after the one batch")
                    .isEqualTo(new JobProgress(JobProgress.IMPORT, id, ana.id(), "running", 100, 2, 2));
            assertThat(pushed.getLast())
                    .isEqualTo(new JobProgress(JobProgress.IMPORT, id, ana.id(), "completed", 100, 2, 2));
            assertThat(awaitFinished(ana, location).get("status").asString()).isEqualTo("completed");
        }
    }

    @Test
    void importingTheSameFileTwiceAddsNothingTheSecondTime() {
        Caller ana = newUser();
        byte[] archive = ImportFiles.mindflowArchive(List.of(
                MindflowEntry.of("2023-01-01", "One", "first", "sad").with(null, null, false,
                        Map.of("a.png", ImportFiles.png())),
                MindflowEntry.of("2023-01-02", "Two", "second", "angry")));
        awaitFinished(ana, upload(ana, archive, "export.zip", null).headers().firstValue("Location").orElseThrow());
        long attachmentsBefore = attachments(ana.id());

        JsonNode again = awaitFinished(ana, upload(ana, archive, "export.zip", null).headers()
                .firstValue("Location").orElseThrow());

        assertThat(again.at("/counts/imported").asInt()).isZero();
        assertThat(again.at("/counts/duplicates").asInt()).isEqualTo(2);
        assertThat(entries(ana.id())).isEqualTo(2);
        assertThat(attachments(ana.id())).isEqualTo(attachmentsBefore).isEqualTo(1);
        JsonNode results = results(ana, again.get("id").asString());
        assertThat(results.get("results").valueStream().map(r -> r.get("outcome").asString()))
                .containsOnly("duplicate");
    }

    @Test
    void anEntryOnADayThatHasOneIsAConflictAndNotOverwritten() {
        Caller ana = newUser();
        assertThat(post(ana, "/api/journals", """
                {"title": "Mine already", "content": "keep me", "date": "2022-05-05"}""").status()).isEqualTo(201);
        byte[] archive = ImportFiles.mindflowArchive(List.of(
                MindflowEntry.of("2022-05-05", "Imported", "would overwrite", "happy"),
                MindflowEntry.of("2022-05-06", "Next day", "fine", "neutral")));

        JsonNode done = awaitFinished(ana, upload(ana, archive, "export.zip", null).headers()
                .firstValue("Location").orElseThrow());

        assertThat(done.at("/counts/conflicts").asInt()).isEqualTo(1);
        assertThat(done.at("/counts/imported").asInt()).isEqualTo(1);
        assertThat(entry(ana, "2022-05-05")).containsEntry("title", "Mine already").containsEntry("content", "keep me");
        JsonNode results = results(ana, done.get("id").asString()).get("results");
        assertThat(results.get(0).get("outcome").asString()).isEqualTo("conflict");
        assertThat(results.get(0).get("sourceDate").asString()).isEqualTo("2022-05-05");
        assertThat(results.get(0).get("reason").asString()).contains("2022-05-05");
        assertThat(results.get(1).get("outcome").asString()).isEqualTo("imported");

        HttpResponse<String> csv = get(ana, "/api/me/imports/" + done.get("id").asString() + "/results?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("position,source_key");
        assertThat(csv.body()).contains(",conflict,").contains(",imported,");
    }

    @Test
    void aDayOneExportImportsTextDayInItsTimeZoneTagsLocationWeatherAndPhotos() {
        Caller ana = newUser();
        byte[] photo = ImportFiles.png();
        String md5 = ImportFiles.md5(photo);
        String journal = """
                {"metadata": {"version": "1.0"}, "entries": [
                  {"uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90", "creationDate": "2021-07-09T23:30:00Z",
                   "timeZone": "Europe/Berlin", "starred": true, "tags": ["Travel", "Beach"],
                   "text": "# Green Island\\n\\n![](dayone-moment://PHOTO1)\\n\\nHot springs at night.",
                   "location": {"placeName": "Zhaori Hot Spring", "localityName": "Lüdao", "country": "Taiwan"},
                   "weather": {"conditionsDescription": "Mostly Sunny", "temperatureCelsius": 26.4},
                   "photos": [{"identifier": "PHOTO1", "md5": "%s", "type": "png"},
                              {"identifier": "PHOTO2", "md5": "0123", "type": "heic"}]},
                  {"uuid": "FFFF0000FFFF0000FFFF0000FFFF0000", "creationDate": "2021-07-11T08:00:00Z",
                   "timeZone": "Asia/Taipei", "text": "Plain words without a heading"}
                ]}""".formatted(md5);
        byte[] export = ImportFiles.dayOneExport(journal, Map.of("photos/" + md5 + ".png", photo));

        JsonNode done = awaitFinished(ana, upload(ana, export, "Day One Export.zip", null).headers()
                .firstValue("Location").orElseThrow());

        assertThat(done.get("format").asString()).isEqualTo("dayone");
        assertThat(done.at("/counts/imported").asInt()).isEqualTo(2);
        // 23:30 UTC is 01:30 the next day in Berlin: the day the writer saw.
        Map<String, Object> island = entry(ana, "2021-07-10");
        assertThat(island).containsEntry("title", "Green Island")
                .containsEntry("content", "# Green Island\n\n\n\nHot springs at night.")
                .containsEntry("location", "Zhaori Hot Spring, Lüdao, Taiwan")
                .containsEntry("weather", "Mostly Sunny, 26 °C").containsEntry("tags", "beach,starred,travel")
                .containsEntry("mood", null);
        assertThat(entry(ana, "2021-07-11")).containsEntry("title", "Plain words without a heading");
        assertThat(jdbc.sql("SELECT count(*) FROM attachments WHERE journal_entry_id = :e")
                .param("e", island.get("id")).query(Long.class).single()).isEqualTo(1);
        JsonNode first = results(ana, done.get("id").asString()).get("results").get(0);
        assertThat(first.get("sourceKey").asString()).isEqualTo("A1B2C3D4E5F60718293A4B5C6D7E8F90");
        assertThat(first.get("reason").asString()).contains("0123.heic skipped");
    }

    @Test
    void aDaylioExportMapsMoodsActivitiesNotesAndTitles() {
        Caller ana = newUser();
        String csv = "\uFEFFfull_date,date,weekday,time,mood,activities,note_title,note\n"
                + "2020-02-05,February 5,Wednesday,8:10 PM,rad,friends | party | music,Great night,\"Danced<br>all"
                + " night, \"\"really\"\"<br/>late\"\n"
                + "2020-02-04,February 4,Tuesday,9:00 PM,meh,work,,\n"
                + "2020-02-03,February 3,Monday,9:00 PM,awful,,,\"Multi\nline\"\n"
                + "2020-02-02,February 2,Sunday,9:00 PM,bad,,,\n"
                + "2020-02-01,February 1,Saturday,9:00 PM,good,,,\n"
                + "2020-01-31,January 31,Friday,9:00 PM,Stressed,,,\n"
                + "2020-01-30,January 30,Thursday,9:00 PM,Sleepy,,,\n"
                + "not-a-date,x,x,x,good,,,\n";

        JsonNode done = awaitFinished(ana, upload(ana, csv.getBytes(StandardCharsets.UTF_8), "daylio_export.csv",
                null).headers().firstValue("Location").orElseThrow());

        assertThat(done.get("format").asString()).isEqualTo("daylio");
        assertThat(done.at("/counts/imported").asInt()).isEqualTo(7);
        assertThat(done.at("/counts/failed").asInt()).isEqualTo(1);
        assertThat(entry(ana, "2020-02-05")).containsEntry("title", "Great night").containsEntry("mood", "ecstatic")
                .containsEntry("content", "Danced\nall night, \"really\"\nlate")
                .containsEntry("tags", "friends,music,party");
        assertThat(entry(ana, "2020-02-04")).containsEntry("title", "Daylio entry of 2020-02-04")
                .containsEntry("mood", "neutral").containsEntry("content", "");
        assertThat(entry(ana, "2020-02-03")).containsEntry("mood", "angry").containsEntry("content", "Multi\nline");
        assertThat(entry(ana, "2020-02-02")).containsEntry("mood", "sad");
        assertThat(entry(ana, "2020-02-01")).containsEntry("mood", "happy");
        assertThat(entry(ana, "2020-01-31")).containsEntry("mood", "anxious");
        assertThat(entry(ana, "2020-01-30")).containsEntry("mood", null);
        JsonNode results = results(ana, done.get("id").asString()).get("results");
        assertThat(results.get(6).get("reason").asString()).contains("Sleepy");
        assertThat(results.get(7).get("outcome").asString()).isEqualTo("invalid");
        assertThat(results.get(7).get("reason").asString()).contains("full_date");

        // Idempotent without ids: the ledger keys Daylio rows by their content.
        JsonNode again = awaitFinished(ana, upload(ana, csv.getBytes(StandardCharsets.UTF_8), "daylio_export.csv",
                "daylio").headers().firstValue("Location").orElseThrow());
        assertThat(again.at("/counts/duplicates").asInt()).isEqualTo(7);
        assertThat(entries(ana.id())).isEqualTo(7);
    }

    @Test
    void badFilesAreRefusedWithAProblemAndNothingIsWritten() {
        Caller ana = newUser();
        Map<String, byte[]> traversal = new LinkedHashMap<>();
        traversal.put("entries.json", "{}".getBytes(StandardCharsets.UTF_8));
        byte[] valid = ImportFiles.mindflowArchive(List.of(MindflowEntry.of("2021-01-01", "t", "c", "happy")));
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 2);

        refused(ana, ImportFiles.png(), null, 415, "unsupported-import-format");
        refused(ana, "hello, world\n".getBytes(StandardCharsets.UTF_8), null, 415, "unsupported-import-format");
        refused(ana, valid, "daylio", 415, "unsupported-import-format");
        refused(ana, valid, "evernote", 400, "invalid-field");
        refused(ana, truncated, null, 422, "malformed-import-file");
        refused(ana, ImportFiles.zip(Map.of("entries.json", "{not json".getBytes(StandardCharsets.UTF_8))), null,
                422, "malformed-import-file");
        refused(ana, ImportFiles.zip(Map.of("entries.json", """
                {"format": "mindflow-export", "formatVersion": 9, "entries": []}""".getBytes(StandardCharsets.UTF_8))),
                null, 422, "malformed-import-file");
        refused(ana, ImportFiles.zip(Map.of("notes.txt", new byte[10])), null, 415, "unsupported-import-format");
        refused(ana, "full_date,date,weekday,time,mood,activities,note_title,note\n2020-01-01,,,,good,,,\"open"
                .getBytes(StandardCharsets.UTF_8), null, 422, "malformed-import-file");
        // Zip bombs: one file of 50 MB of zeros (about 50 KB compressed), the same lying about its size, and an
        // archive of too many files.
        byte[] bomb = ImportFiles.zipBomb("entries.json", 50);
        assertThat(bomb.length).isLessThan(200_000);
        refused(ana, bomb, null, 422, "unsafe-archive");
        refused(ana, ImportFiles.declaring(bomb, 1000), null, 422, "unsafe-archive");
        refused(ana, ImportFiles.zipBomb("entries.json", 70), null, 413, "import-too-large");
        refused(ana, ImportFiles.manyFiles(50_001), null, 413, "import-too-large");
        // Names that leave the archive, and links.
        for (String name : List.of("../evil.json", "journal/../../evil.png", "/etc/passwd", "C:/evil.json",
                "journal\\..\\evil.png")) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("entries.json", "{}".getBytes(StandardCharsets.UTF_8));
            files.put(name, new byte[] { 1 });
            refused(ana, ImportFiles.zip(files), null, 422, "unsafe-archive");
        }
        refused(ana, ImportFiles.asSymlinks(valid), null, 422, "unsafe-archive");

        assertThat(entries(ana.id())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM journal_imports WHERE user_id = :u").param("u", ana.id())
                .query(Long.class).single()).isZero();
        assertThat(objects(ana.id())).isEmpty();
    }

    @Test
    void invalidEntriesAreReportedAndTheValidOnesImported() {
        Caller ana = newUser();
        byte[] archive = ImportFiles.mindflowArchive(List.of(
                MindflowEntry.of("2021-02-01", "ok", "fine", "happy"),
                MindflowEntry.of("2021-02-02", "bad mood", "x", "melancholic"),
                MindflowEntry.of("1800-01-01", "too old", "x", null),
                MindflowEntry.of("2021-02-04", "x".repeat(201), "x", null)));

        JsonNode done = awaitFinished(ana, upload(ana, archive, "export.zip", null).headers()
                .firstValue("Location").orElseThrow());

        assertThat(done.at("/counts/imported").asInt()).isEqualTo(1);
        assertThat(done.at("/counts/failed").asInt()).isEqualTo(3);
        List<String> reasons = new ArrayList<>();
        results(ana, done.get("id").asString()).get("results").forEach(r -> reasons.add(r.path("reason").asString("")));
        assertThat(reasons.get(1)).contains("mood");
        assertThat(reasons.get(2)).contains("date");
        assertThat(reasons.get(3)).contains("title");
    }

    @Test
    void importsAreTheirOwnersOnlyAndOneRunsAtATime() {
        Caller ana = newUser();
        Caller bob = newUser();
        byte[] archive = ImportFiles.mindflowArchive(List.of(MindflowEntry.of("2021-03-01", "t", "c", null)));
        String location = upload(ana, archive, "export.zip", null).headers().firstValue("Location").orElseThrow();
        awaitFinished(ana, location);

        assertThat(get(bob, location).statusCode()).isEqualTo(404);
        assertThat(get(bob, location + "/results").statusCode()).isEqualTo(404);
        assertThat(get(null, location).statusCode()).isEqualTo(401);
        assertThat(upload(null, archive, "export.zip", null).statusCode()).isEqualTo(401);
        assertThat(get(ana, "/api/me/imports/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        // An import of bob's still running: his next one waits.
        jdbc.sql("INSERT INTO journal_imports (id, user_id, format, status) VALUES (:id, :u, 'mindflow', 'running')")
                .param("id", UUID.randomUUID()).param("u", bob.id()).update();
        HttpResponse<String> busy = upload(bob, archive, "export.zip", null);
        assertThat(busy.statusCode()).as(busy.body()).isEqualTo(429);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(busy.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(entries(bob.id())).isZero();

        // An import that has not moved for longer than mindflow.imports.abandoned-after lost its worker: given up.
        jdbc.sql("UPDATE journal_imports SET progressed_at = now() - INTERVAL '1 hour' WHERE user_id = :u")
                .param("u", bob.id()).update();
        HttpResponse<String> resumed = upload(bob, archive, "export.zip", null);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        awaitFinished(bob, resumed.headers().firstValue("Location").orElseThrow());
        assertThat(jdbc.sql("SELECT status FROM journal_imports WHERE user_id = :u ORDER BY created_at")
                .param("u", bob.id()).query(String.class).list()).containsExactly("failed", "completed");
    }

    private void refused(Caller caller, byte[] file, String format, int status, String type) {
        HttpResponse<String> answer = upload(caller, file, "upload.bin", format);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asString()).as(answer.body()).endsWith(type);
        if (status != 400) {
            assertThat(answer.body()).contains("\"file\"");
        }
    }
}
