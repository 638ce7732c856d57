package com.mindflow.query.support;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.query.semantic.Embeddings;
import com.mindflow.support.readside.JournalChunker;

/**
 * A {@link QueryServiceIT} that seeds entries the way the whole pipeline leaves them: the read-model row, the
 * {@code journal_entries} document and (unless told otherwise) the entry's chunks, cut like ai-processing-service's
 * chunker and embedded with the real model.
 */
public abstract class SemanticIT extends QueryServiceIT {

    @Autowired
    protected Embeddings embeddings;

    @BeforeAll
    static void indices() {
        SearchIndexFixture.ensureAlias();
        ChunkIndexFixture.ensureAlias();
    }

    /** Seeds {@code e} in the read model and the search index, and its chunks unless {@code chunks} is false. */
    protected SeededEntry seedEverywhere(SeededEntry e, boolean chunks) {
        seed(e);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", e.id().toString());
        doc.put("userId", e.userId().toString());
        doc.put("date", e.date().toString());
        doc.put("title", e.title());
        doc.put("content", e.content());
        doc.put("mood", e.mood());
        doc.put("tags", e.tags());
        doc.put("wordCount", e.content().split("\\s+").length);
        doc.put("isPrivate", e.isPrivate());
        doc.put("createdAt", e.date() + "T20:30:00Z");
        doc.put("updatedAt", e.date() + "T20:30:00Z");
        SearchIndexFixture.index(doc, e.version());
        if (chunks) {
            seedChunks(e);
        }
        return e;
    }

    /** Only the chunks: what projection-service would have left behind for an entry. */
    protected void seedChunks(SeededEntry e) {
        List<String> texts = new JournalChunker().chunks(e.title(), e.content());
        ChunkIndexFixture.index(e.userId(), e.id(), e.version(), e.date(), texts, embeddings.embedAll(texts));
    }

    protected static SeededEntry entry(TestUser user, String date, String title, String content, String mood,
            String... tags) {
        return new SeededEntry(java.util.UUID.randomUUID(), user.id(), LocalDate.parse(date), title, content, mood,
                List.of(tags), false, "[]", 1);
    }

    protected HttpResponse<String> post(String path, TestUser user, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return exchange(request, user);
    }
}
