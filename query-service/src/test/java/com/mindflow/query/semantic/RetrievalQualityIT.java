package com.mindflow.query.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.query.support.SemanticIT;

import tools.jackson.databind.JsonNode;

/**
 * Retrieval quality on the labelled set in {@code retrieval/journal-retrieval-set.json}: its entries are seeded for one
 * user as the pipeline leaves them (read model, search index, chunks of the real model), every query runs in semantic
 * and hybrid mode, and recall@5 (the share of a query's relevant entries among its first five hits, averaged over the
 * queries) must reach {@value #TARGET} in both.
 */
class RetrievalQualityIT extends SemanticIT {

    static final double TARGET = 0.8;
    static final int CUTOFF = 5;

    @Test
    void semanticAndHybridRecallAtFiveReachTheTarget() {
        JsonNode set = readSet();
        TestUser user = newUser();
        Map<UUID, String> keys = new HashMap<>();
        for (JsonNode e : set.path("entries")) {
            SeededEntry entry = new SeededEntry(UUID.randomUUID(), user.id(), LocalDate.parse(e.path("date").asString()),
                    e.path("title").asString(), e.path("content").asString(), e.path("mood").asString(),
                    e.path("tags").valueStream().map(JsonNode::asString).toList(), false, "[]", 1);
            seedEverywhere(entry, true);
            keys.put(entry.id(), e.path("key").asString());
        }
        double semantic = recall(set, user, keys, "semantic");
        double hybrid = recall(set, user, keys, "hybrid");
        System.out.printf("RETRIEVAL semantic recall@5=%.3f hybrid recall@5=%.3f%n", semantic, hybrid);
        assertThat(semantic).as("semantic recall@5").isGreaterThanOrEqualTo(TARGET);
        assertThat(hybrid).as("hybrid recall@5").isGreaterThanOrEqualTo(TARGET);
    }

    private double recall(JsonNode set, TestUser user, Map<UUID, String> keys, String mode) {
        double sum = 0;
        int queries = 0;
        for (JsonNode q : set.path("queries")) {
            List<String> relevant = q.path("relevant").valueStream().map(JsonNode::asString).toList();
            JsonNode result = json(get("/api/search?q=" + enc(q.path("query").asString()) + "&mode=" + mode
                    + "&size=" + CUTOFF, user));
            List<String> top = result.path("items").valueStream()
                    .map(i -> keys.get(UUID.fromString(i.path("id").asString()))).toList();
            if (System.getenv("RETRIEVAL_DEBUG") != null) {
                JsonNode all = json(get("/api/search?q=" + enc(q.path("query").asString()) + "&mode=" + mode
                        + "&size=12", user));
                System.out.println("RETRIEVAL DEBUG " + mode + " \"" + q.path("query").asString() + "\" " + relevant + " "
                        + all.path("items").valueStream().map(i -> keys.get(UUID.fromString(i.path("id").asString()))
                                + ":" + i.path("score").asDouble() + (i.path("highlights").isEmpty() ? "" : "K"))
                                .toList());
            }
            long hits = relevant.stream().filter(top::contains).count();
            double recall = (double) hits / relevant.size();
            if (recall < 1) {
                System.out.printf("RETRIEVAL %s miss: \"%s\" relevant=%s top5=%s%n", mode,
                        q.path("query").asString(), relevant, top);
            }
            sum += recall;
            queries++;
        }
        return sum / queries;
    }

    private static JsonNode readSet() {
        try (InputStream in = RetrievalQualityIT.class.getResourceAsStream("/retrieval/journal-retrieval-set.json")) {
            return JSON.readTree(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
