package com.mindflow.query.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mindflow.support.readside.JournalSearchIndex;
import com.mindflow.testsupport.LocalStack;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code journal_entries} alias on the real Elasticsearch, created here with the seed's mapping (plus
 * {@code tagSuggest}) when nobody has created it yet, and documents indexed through it as projection-service does:
 * external versioning, so a document's {@code _version} is the entry's write-side version.
 */
public final class SearchIndexFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The shared definition (as projection-service creates it), one shard and no replica on the one local node. */
    static String definition() {
        ObjectNode definition = (ObjectNode) JSON.readTree(JournalSearchIndex.definition());
        ((ObjectNode) definition.get("settings")).put("number_of_shards", 1).put("number_of_replicas", 0);
        definition.putObject("aliases").putObject(JournalSearchIndex.ALIAS);
        return JSON.writeValueAsString(definition);
    }

    private SearchIndexFixture() {
    }

    public static String baseUrl() {
        return LocalStack.servers().elasticsearchUrl();
    }

    /** Creates {@code journal_entries_<suffix>} behind the alias unless the alias already exists. */
    public static synchronized void ensureAlias() {
        HttpResponse<String> alias = send("GET", "/_alias/" + JournalSearchIndex.ALIAS, null);
        if (alias.statusCode() == 200) {
            return;
        }
        HttpResponse<String> created = send("PUT", "/" + JournalSearchIndex.INDEX_PREFIX + "querytests", definition());
        if (created.statusCode() != 200 && !created.body().contains("resource_already_exists")) {
            throw new IllegalStateException("Cannot create the search index: " + created.body());
        }
    }

    /** Indexes a journal entry document (the seed's fields) at {@code version}, visible to search at once. */
    public static void index(Map<String, Object> document, long version) {
        Map<String, Object> doc = new LinkedHashMap<>(document);
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) doc.getOrDefault("tags", List.of());
        doc.put(JournalSearchIndex.TAG_SUGGEST, Map.of("input", tags,
                "contexts", Map.of(JournalSearchIndex.USER_CONTEXT, List.of(doc.get("userId")))));
        HttpResponse<String> response = send("PUT", "/" + JournalSearchIndex.ALIAS + "/_doc/" + doc.get("id")
                + "?version=" + version + "&version_type=external&refresh=true", JSON.writeValueAsString(doc));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Cannot index: " + response.body());
        }
    }

    /**
     * Runs a raw search body against the alias and returns the response JSON. Scores use the index's global term
     * statistics (dfs): with three shards and a handful of documents, per-shard statistics could order two matches
     * differently from run to run.
     */
    public static String search(String body) {
        HttpResponse<String> response = send("POST",
                "/" + JournalSearchIndex.ALIAS + "/_search?search_type=dfs_query_then_fetch", body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Search failed: " + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
