package com.mindflow.command.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.mindflow.command.ApiTestBase;

/** Tags are shared rows; each entry links to its own, whoever wrote a tag first and however many write it at once. */
class TagLinksIT extends ApiTestBase {

    @Test
    void writersAddingTheSameNewTagAtOnceAllGetItAndItExistsOnce() throws Exception {
        String fresh = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        int writers = 8;
        List<Caller> callers = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            callers.add(newUser());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Response>> work = new ArrayList<>();
        for (Caller caller : callers) {
            work.add(() -> {
                start.await();
                return post(caller, "/api/journals", body("2026-02-03", "\"%s\",\"%s\"".formatted(fresh, other)));
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<Response>> answers = new ArrayList<>();
            for (Callable<Response> one : work) {
                answers.add(pool.submit(one));
            }
            start.countDown();
            for (Future<Response> answer : answers) {
                Response created = answer.get();
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                assertThat(created.json().path("tags").toString())
                        .isEqualTo("[\"%s\",\"%s\"]".formatted(fresh, other));
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM tags WHERE name IN (?, ?)").params(fresh, other)
                .query(Long.class).single()).isEqualTo(2);
        for (Caller caller : callers) {
            assertThat(linkedTags(caller)).containsExactly(fresh, other);
        }
    }

    @Test
    void aReplaceRelinksOnlyWhatChangedAndMayDropEveryTag() {
        Caller me = newUser();
        Response created = post(me, "/api/journals", body("2026-02-04", "\"a\",\"b\""));
        String path = created.header("Location");
        assertThat(linkedTags(me)).containsExactly("a", "b");

        Response replaced = call("PUT", path, me.token(), body("2026-02-04", "\" B \",\"c\""), Map.of("If-Match", "1"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().path("tags").toString()).isEqualTo("[\"b\",\"c\"]");
        assertThat(linkedTags(me)).containsExactly("b", "c");

        Response emptied = call("PUT", path, me.token(), body("2026-02-04", ""), Map.of("If-Match", "2"));
        assertThat(emptied.status()).as(emptied.toString()).isEqualTo(200);
        assertThat(emptied.json().path("tags").toString()).isEqualTo("[]");
        assertThat(linkedTags(me)).isEmpty();
    }

    private List<String> linkedTags(Caller caller) {
        return jdbc.sql("""
                SELECT t.name FROM journal_entries e JOIN journal_entry_tags et ON et.journal_entry_id = e.id
                  JOIN tags t ON t.id = et.tag_id WHERE e.user_id = ? ORDER BY t.name
                """).param(caller.id()).query(String.class).list();
    }

    private static String body(String date, String tags) {
        return "{\"date\":\"%s\",\"title\":\"Tagged\",\"content\":\"words\",\"tags\":[%s]}".formatted(date, tags);
    }
}
