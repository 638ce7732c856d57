package com.mindflow.query.support;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mindflow.support.readside.JournalChunkIndex;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code journal_entry_chunks} alias on the real Elasticsearch, created here with the shared definition
 * ({@link JournalChunkIndex#definition()}) when nobody has created it yet, and chunk documents indexed through it as
 * projection-service does: routed by the owner's id, id {@link JournalChunkIndex#chunkId}. An existing alias (a
 * running projection-service's) is used as it is.
 */
public final class ChunkIndexFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String INDEX = JournalChunkIndex.INDEX_PREFIX + "querytests";

    private ChunkIndexFixture() {
    }

    public static synchronized void ensureAlias() {
        if (SearchIndexFixture.send("GET", "/_alias/" + JournalChunkIndex.ALIAS, null).statusCode() == 200) {
            return;
        }
        ObjectNode definition = (ObjectNode) JSON.readTree(JournalChunkIndex.definition());
        ((ObjectNode) definition.get("settings")).put("number_of_replicas", 0);
        definition.putObject("aliases").putObject(JournalChunkIndex.ALIAS).put("is_write_index", true);
        HttpResponse<String> created = SearchIndexFixture.send("PUT", "/" + INDEX, JSON.writeValueAsString(definition));
        if (created.statusCode() != 200 && !created.body().contains("resource_already_exists")) {
            throw new IllegalStateException("Cannot create the chunk index: " + created.body());
        }
    }

    /** Indexes an entry's chunks (texts and their vectors, in order), visible to search at once. */
    public static void index(UUID userId, UUID entryId, long entryVersion, LocalDate date, List<String> texts,
            List<float[]> vectors) {
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            bulk.append(JSON.writeValueAsString(Map.of("index", Map.of("_id", JournalChunkIndex.chunkId(entryId, i),
                    "routing", JournalChunkIndex.routing(userId))))).append('\n');
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("userId", userId.toString());
            doc.put("journalEntryId", entryId.toString());
            doc.put("entryVersion", entryVersion);
            doc.put("date", date.toString());
            doc.put("chunkIndex", i);
            doc.put("model", JournalChunkIndex.MODEL);
            doc.put("text", texts.get(i));
            doc.put("vector", vectors.get(i));
            bulk.append(JSON.writeValueAsString(doc)).append('\n');
        }
        HttpResponse<String> response = SearchIndexFixture.send("POST", "/" + JournalChunkIndex.ALIAS + "/_bulk?refresh=true",
                bulk.toString());
        if (response.statusCode() >= 300 || JSON.readTree(response.body()).path("errors").asBoolean()) {
            throw new IllegalStateException("Cannot index chunks: " + response.body());
        }
    }
}
