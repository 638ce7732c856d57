package com.mindflow.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.command.ApiTestBase;

/** A retried write with the same Idempotency-Key gets the first answer, never a second entry. */
class IdempotencyIT extends ApiTestBase {

    @Autowired
    IdempotencyKeys keys;

    @Test
    void aRetryGetsTheFirstResponseInsteadOfAConflict() {
        Caller me = newUser();
        String key = UUID.randomUUID().toString();
        Response first = create(me, key, entry("2026-02-01", "Once"));
        Response retry = create(me, key, entry("2026-02-01", "Once"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(entries(me)).isEqualTo(1);

        // Without the key the same body is a second create of the day: 409.
        assertThat(post(me, "/api/journals", entry("2026-02-01", "Once")).status()).isEqualTo(409);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        Caller me = newUser();
        String key = UUID.randomUUID().toString();
        create(me, key, entry("2026-02-01", "Once"));
        Response other = create(me, key, entry("2026-02-02", "Other"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("code").asString()).isEqualTo("idempotency-key-reused");
        assertThat(entries(me)).isEqualTo(1);
    }

    @Test
    void keysAreEachUsersOwn() {
        Caller me = newUser();
        Caller other = newUser();
        String key = UUID.randomUUID().toString();
        assertThat(create(me, key, entry("2026-02-01", "Mine")).status()).isEqualTo(201);
        Response theirs = create(other, key, entry("2026-02-01", "Mine"));
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(entries(other)).isEqualTo(1);
    }

    @Test
    void concurrentIdenticalRetriesCreateOnce() throws Exception {
        Caller me = newUser();
        String key = UUID.randomUUID().toString();
        int attempts = 6;
        List<Callable<Response>> work = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            work.add(() -> create(me, key, entry("2026-02-01", "Race")));
        }
        List<Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            for (Future<Response> answer : pool.invokeAll(work)) {
                answers.add(answer.get());
            }
        }
        assertThat(answers).extracting(Response::status).containsOnly(201);
        assertThat(answers).extracting(r -> r.header("Location")).containsOnly(answers.getFirst().header("Location"));
        assertThat(entries(me)).isEqualTo(1);
    }

    @Test
    void replaceDeleteAndRestoreHonourTheKeyToo() {
        Caller me = newUser();
        String path = post(me, "/api/journals", entry("2026-02-01", "One")).header("Location");
        String putKey = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("Idempotency-Key", putKey, "If-Match", "1");
        Response put = call("PUT", path, me.token(), entry("2026-02-01", "Two"), headers);
        Response putAgain = call("PUT", path, me.token(), entry("2026-02-01", "Two"), headers);
        assertThat(put.status()).isEqualTo(200);
        assertThat(putAgain.status()).as("not 412: the retry is answered as the first was").isEqualTo(200);
        assertThat(putAgain.header("ETag")).isEqualTo("\"2\"");

        String deleteKey = UUID.randomUUID().toString();
        assertThat(call("DELETE", path, me.token(), null, Map.of("Idempotency-Key", deleteKey)).status())
                .isEqualTo(204);
        Response deleteAgain = call("DELETE", path, me.token(), null, Map.of("Idempotency-Key", deleteKey));
        assertThat(deleteAgain.status()).isEqualTo(204);
        assertThat(deleteAgain.header("Idempotent-Replayed")).isEqualTo("true");

        String restoreKey = UUID.randomUUID().toString();
        Response restore = call("POST", path + "/restore", me.token(), null, Map.of("Idempotency-Key", restoreKey));
        Response restoreAgain = call("POST", path + "/restore", me.token(), null,
                Map.of("Idempotency-Key", restoreKey));
        assertThat(restore.status()).isEqualTo(200);
        assertThat(restoreAgain.status()).as("not 409 entry-not-deleted").isEqualTo(200);
        assertThat(restoreAgain.body()).isEqualTo(restore.body());
    }

    @Test
    void anInvalidKeyIsABadRequest() {
        Caller me = newUser();
        Response tooLong = create(me, "k".repeat(256), entry("2026-02-01", "x"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
    }

    @Test
    void expiredKeysArePurgedAndThenRunAgain() {
        Caller me = newUser();
        String key = UUID.randomUUID().toString();
        create(me, key, entry("2026-02-01", "Old"));
        jdbc.sql("""
                UPDATE idempotency_keys SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
                 WHERE user_id = ? AND key = ?
                """).param(me.id()).param(key).update();

        assertThat(keys.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE user_id = ?").param(me.id())
                .query(Long.class).single()).isZero();
        // The key is new again: the request runs, and the day is taken.
        assertThat(create(me, key, entry("2026-02-01", "Old")).status()).isEqualTo(409);
    }

    private Response create(Caller caller, String key, String body) {
        return call("POST", "/api/journals", caller.token(), body, Map.of("Idempotency-Key", key));
    }

    private long entries(Caller caller) {
        return jdbc.sql("SELECT count(*) FROM journal_entries WHERE user_id = ?").param(caller.id())
                .query(Long.class).single();
    }

    private static String entry(String date, String title) {
        return "{\"date\":\"%s\",\"title\":\"%s\",\"content\":\"Words\"}".formatted(date, title);
    }
}
