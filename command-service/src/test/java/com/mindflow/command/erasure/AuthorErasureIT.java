package com.mindflow.command.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import com.mindflow.command.ApiTestBase;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.testsupport.LocalStack;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code UserDeleted} erases the user's journal rows, unused tags, S3 objects, streak, idempotency keys and
 * imports, and
 * nothing of anyone else; a redelivery changes nothing more. The account row is left in place on purpose: the
 * erasure must not depend on auth-service's cascades.
 */
class AuthorErasureIT extends ApiTestBase {

    private static final String BUCKET = LocalStack.servers().s3Bucket();

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private S3Client s3;

    @Test
    void userDeletedErasesTheAuthorsJournalObjectsAndOwnTagsOnlyAndCanArriveTwice() throws Exception {
        Caller ana = newUser();
        Caller bob = newUser();
        String own = "only-ana-" + UUID.randomUUID().toString().substring(0, 8);
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String entry = call("POST", "/api/journals", ana.token(), """
                {"title": "Mine", "content": "private words", "date": "2025-06-01", "tags": ["%s", "%s"]}"""
                .formatted(own, shared), Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                .json().get("id").asString();
        post(bob, "/api/journals", """
                {"title": "Bob's", "content": "his words", "date": "2025-06-01", "tags": ["%s"]}""".formatted(shared));
        s3.putObject(r -> r.bucket(BUCKET).key("users/" + ana.id() + "/entries/" + entry + "/file"),
                RequestBody.fromString("ana's bytes"));
        s3.putObject(r -> r.bucket(BUCKET).key("users/" + bob.id() + "/entries/x/file"),
                RequestBody.fromString("bob's bytes"));
        assertThat(rows("idempotency_keys", ana.id())).isEqualTo(1);
        assertThat(rows("user_streaks", ana.id())).isEqualTo(1);
        UUID importId = UUID.randomUUID();
        jdbc.sql("INSERT INTO journal_imports (id, user_id, format, status) VALUES (:id, :u, 'daylio', 'completed')")
                .param("id", importId).param("u", ana.id()).update();
        jdbc.sql("INSERT INTO journal_import_results (import_id, position, source_key, outcome, reason) "
                + "VALUES (:id, 0, 'k', 'invalid', 'a marker of ana')").param("id", importId).update();
        jdbc.sql("INSERT INTO journal_import_ledger (user_id, source_format, source_key, entry_id, import_id) "
                + "VALUES (:u, 'daylio', 'k', :e, :id)").param("u", ana.id()).param("e", UUID.fromString(entry))
                .param("id", importId).update();

        publish(new UserDeleted(ana.id(), Instant.now()));

        await(() -> rows("journal_entries", ana.id()) == 0 && objects(ana.id()).isEmpty() && !tagExists(own));
        assertThat(rows("user_streaks", ana.id())).isZero();
        assertThat(rows("idempotency_keys", ana.id())).isZero();
        assertThat(rows("journal_imports", ana.id())).isZero();
        assertThat(rows("journal_import_ledger", ana.id())).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM journal_import_results WHERE import_id = :id")
                .param("id", importId).query(Long.class).single()).isZero();
        assertThat(tagExists(shared)).isTrue();
        assertThat(rows("journal_entries", bob.id())).isEqualTo(1);
        assertThat(objects(bob.id())).hasSize(1);

        publish(new UserDeleted(ana.id(), Instant.now()));
        publish(new UserDeleted(bob.id(), Instant.now())); // after ana's redelivery on the same partition order
        await(() -> rows("journal_entries", bob.id()) == 0);
        assertThat(rows("journal_entries", ana.id())).isZero();
        assertThat(tagExists(shared)).isFalse();
        assertThat(objects(bob.id())).isEmpty();
    }

    private void publish(UserDeleted deleted) throws Exception {
        String json = new EventCodec().write(EventEnvelope.of(deleted, "erasure-it"));
        kafka.send(Topics.USERS, deleted.userId().toString(), json).get();
    }

    private long rows(String table, UUID user) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE user_id = :u").param("u", user)
                .query(Long.class).single();
    }

    private boolean tagExists(String name) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tags WHERE name = :n)").param("n", name)
                .query(Boolean.class).single();
    }

    /** The user's objects; s3proxy's file system also lists its folders ("…/"), which are no objects. */
    private List<String> objects(UUID user) {
        return s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("users/" + user + "/")).contents().stream()
                .map(S3Object::key).filter(key -> !key.endsWith("/")).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("erased in time").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
