package com.mindflow.query.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.query.support.QueryServiceIT;
import com.mindflow.support.readside.JournalChangeNotice;
import com.mindflow.support.readside.ReadCacheKeys;
import com.mindflow.support.storage.StorageProperties;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/** Single entries with presigned attachments, the attachment redirect, and the recent-entries cache. */
class JournalReadIT extends QueryServiceIT {

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Test
    void anEntryComesWithItsTagsAndPresignedAttachmentLinksThatDownload() throws Exception {
        var alice = newUser();
        UUID attachmentId = UUID.randomUUID();
        String key = "attachments/" + alice.id() + "/" + attachmentId + "/photo.jpg";
        String thumbnail = "thumbnails/" + alice.id() + "/" + attachmentId + ".jpg";
        s3.putObject(r -> r.bucket(storage.bucket()).key(key), RequestBody.fromString("photo-bytes"));
        s3.putObject(r -> r.bucket(storage.bucket()).key(thumbnail), RequestBody.fromString("thumb-bytes"));
        var entry = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 10, 25), "Evening", "happy", "home", "work")
                .withAttachments("""
                        [{"id":"%s","fileName":"photo.jpg","fileSize":11,"mimeType":"image/jpeg",
                          "s3Key":"%s","thumbnailS3Key":"%s"}]""".formatted(attachmentId, key, thumbnail))
                .withVersion(3));

        HttpResponse<String> response = get("/api/journals/" + entry.id(), alice);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"3\"");
        JsonNode body = json(response);
        assertThat(body.path("tags").valueStream().map(JsonNode::asString)).containsExactly("home", "work");
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("id").asString()).isEqualTo(attachmentId.toString());
        assertThat(attachment.path("fileName").asString()).isEqualTo("photo.jpg");
        assertThat(attachment.has("s3Key")).isFalse();
        assertThat(download(attachment.path("url").asString())).isEqualTo("photo-bytes");
        assertThat(download(attachment.path("thumbnailUrl").asString())).isEqualTo("thumb-bytes");
    }

    @Test
    void theAttachmentLinkRedirectsToAFreshDownloadOnlyForTheOwner() throws Exception {
        var alice = newUser();
        var mallory = newUser();
        UUID attachmentId = UUID.randomUUID();
        String key = "attachments/" + alice.id() + "/" + attachmentId + "/note.txt";
        s3.putObject(r -> r.bucket(storage.bucket()).key(key), RequestBody.fromString("note"));
        var entry = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 10, 26), "Notes", "neutral")
                .withAttachments("""
                        [{"id":"%s","fileName":"note.txt","fileSize":4,"mimeType":"text/plain","s3Key":"%s",
                          "thumbnailS3Key":null}]""".formatted(attachmentId, key)));
        String path = "/api/journals/" + entry.id() + "/attachments/" + attachmentId;

        HttpResponse<String> redirect = get(path, alice);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(download(redirect.headers().firstValue("Location").orElseThrow())).isEqualTo("note");

        assertThat(get(path, mallory).statusCode()).isEqualTo(404);
        assertThat(get("/api/journals/" + entry.id() + "/attachments/" + UUID.randomUUID(), alice).statusCode())
                .isEqualTo(404);
        assertThat(get(path, null).statusCode()).isEqualTo(401);
    }

    @Test
    void anotherUsersEntryIsNotFoundAndAnonymousCallsAreRefused() {
        var alice = newUser();
        var mallory = newUser();
        var entry = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 10, 27), "Mine", "sad"));

        assertThat(get("/api/journals/" + entry.id(), mallory).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/journals", mallory)).path("items").isEmpty()).isTrue();
        assertThat(get("/api/journals/" + entry.id(), null).statusCode()).isEqualTo(401);
        assertThat(get("/api/journals", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theFirstUnfilteredPageIsServedFromTheRecentCacheUntilProjectionDeletesIt() {
        var alice = newUser();
        seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 10, 1), "First", "happy"));
        String key = ReadCacheKeys.recentEntries(alice.id());
        assertThat(redis.hasKey(key)).isFalse();

        JsonNode first = json(get("/api/journals", alice));
        assertThat(first.path("items")).hasSize(1);
        assertThat(redis.hasKey(key)).isTrue();
        assertThat(redis.getExpire(key)).isBetween(1L, ReadCacheKeys.RECENT_TTL.toSeconds());

        // A write that projection has not invalidated yet is not visible on the cached page...
        seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 10, 2), "Second", "sad"));
        assertThat(json(get("/api/journals", alice)).path("items")).hasSize(1);
        // ...but filtered pages are never cached,
        assertThat(json(get("/api/journals?mood=sad", alice)).path("items")).hasSize(1);
        assertThat(json(get("/api/journals?limit=5", alice)).path("items")).hasSize(2);
        // and projection's DEL brings the cache up to date.
        redis.delete(key);
        JsonNode refreshed = json(get("/api/journals", alice));
        assertThat(refreshed.path("items")).hasSize(2);
        assertThat(refreshed.path("items").get(0).path("title").asString()).isEqualTo("Second");
    }

    @Test
    void aChangeNoticeDropsTheUsersReadCachesOnEveryInstance() throws Exception {
        var alice = newUser();
        var entry = seed(SeededEntry.of(alice.id(), LocalDate.of(2025, 9, 1), "Cached", "happy"));
        get("/api/journals", alice);
        get("/api/moods/trend?days=7", alice);
        String recentKey = ReadCacheKeys.recentEntries(alice.id());
        assertThat(redis.hasKey(recentKey)).isTrue();
        assertThat(redis.hasKey(ReadCacheKeys.moodTrend(alice.id(), 7))).isTrue();

        redis.convertAndSend(ReadCacheKeys.journalChanges(alice.id()), JSON.writeValueAsString(
                new JournalChangeNotice(entry.id(), alice.id(), entry.date(), 2, "updated")));

        long deadline = System.currentTimeMillis() + 5_000;
        while ((redis.hasKey(recentKey) || redis.hasKey(ReadCacheKeys.moodTrend(alice.id(), 7)))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(redis.hasKey(recentKey)).isFalse();
        assertThat(redis.hasKey(ReadCacheKeys.moodTrend(alice.id(), 7))).isFalse();
        // Loads that start after the notice fill the cache again.
        get("/api/journals", alice);
        assertThat(redis.hasKey(recentKey)).isTrue();
    }

    @Test
    void badListParametersAreProblemsNamingTheField() {
        var alice = newUser();
        assertThat(problemFields(get("/api/journals?limit=101", alice))).containsExactly("limit");
        assertThat(problemFields(get("/api/journals?from=yesterday", alice))).containsExactly("from");
        assertThat(problemFields(get("/api/journals?mood=grumpy", alice))).containsExactly("mood");
        assertThat(get("/api/journals/not-a-uuid", alice).statusCode()).isEqualTo(400);
    }

    private static String download(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
