package com.mindflow.query.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mindflow.support.readside.JournalSearchIndex;
import com.mindflow.testsupport.LocalStack;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code journal_entries} alias on the real Elasticsearch, created here with the shared definition when nobody
 * has created it yet, and documents indexed through it as projection-service does: routed by the owner's id, with
 * external versioning, so a document's {@code _version} is the entry's write-side version. An alias that already
 * exists (the running stack's, possibly from an older definition) is used as it is: routing on every write and read
 * works on any index, it is merely not enforced there.
 */
public final class SearchIndexFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Name of the index this fixture creates, versioned with the definition: an index left by an older definition
     * (one shard, no required routing) is never taken for this one.
     */
    static final String INDEX = JournalSearchIndex.INDEX_PREFIX + "querytests_routed";

    /**
     * The shared definition as projection-service creates it: its shards (several, so a missing or wrong routing shows
     * as a missed document) and no replica on the one local node.
     */
    static String definition() {
        ObjectNode definition = (ObjectNode) JSON.readTree(JournalSearchIndex.definition());
        ((ObjectNode) definition.get("settings")).put("number_of_replicas", 0);
        definition.putObject("aliases").putObject(JournalSearchIndex.ALIAS);
        return JSON.writeValueAsString(definition);
    }

    private SearchIndexFixture() {
    }

    public static String baseUrl() {
        return LocalStack.servers().elasticsearchUrl();
    }

    /**
     * Creates {@link #INDEX} behind the alias unless the alias already exists. An existing alias is used as it is,
     * even when its index is of an older definition (this fixture's former {@code journal_entries_querytests}, one
     * shard, or the stack's from before routing): a running projection-service may be writing to it, so it is never
     * dropped here, and since every write and search of this fixture is routed the tests pass on it too.
     */
    public static synchronized void ensureAlias() {
        HttpResponse<String> alias = send("GET", "/_alias/" + JournalSearchIndex.ALIAS, null);
        if (alias.statusCode() == 200) {
            return;
        }
        HttpResponse<String> created = send("PUT", "/" + INDEX, definition());
        if (created.statusCode() != 200 && !created.body().contains("resource_already_exists")) {
            throw new IllegalStateException("Cannot create the search index: " + created.body());
        }
    }

    /**
     * Indexes a journal entry document (the seed's fields) at {@code version}, routed by its {@code userId}, visible to
     * search at once.
     */
    public static void index(Map<String, Object> document, long version) {
        index(document, version, document.get("userId").toString());
    }

    /** Indexes a document with the given routing: only for a test of what a wrongly routed document does. */
    public static void index(Map<String, Object> document, long version, String routing) {
        Map<String, Object> doc = new LinkedHashMap<>(document);
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) doc.getOrDefault("tags", List.of());
        doc.put(JournalSearchIndex.TAG_SUGGEST, Map.of("input", tags,
                "contexts", Map.of(JournalSearchIndex.USER_CONTEXT, List.of(doc.get("userId")))));
        HttpResponse<String> response = send("PUT", "/" + JournalSearchIndex.ALIAS + "/_doc/" + doc.get("id")
                + "?routing=" + routing + "&version=" + version + "&version_type=external&refresh=true",
                JSON.writeValueAsString(doc));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Cannot index: " + response.body());
        }
    }

    /**
     * Runs a raw search body against the alias with {@code userId}'s routing, as query-service does, and returns the
     * response JSON: only the shard holding the user's documents answers, and scores use its statistics.
     */
    public static String search(UUID userId, String body) {
        HttpResponse<String> response = send("POST",
                "/" + JournalSearchIndex.ALIAS + "/_search?routing=" + JournalSearchIndex.routing(userId), body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Search failed: " + response.body());
        }
        return response.body();
    }

    /** The shard a routing value leads to in the index behind the alias. */
    public static int shardOf(String routing) {
        HttpResponse<String> response = send("GET", "/" + JournalSearchIndex.ALIAS + "/_search_shards?routing="
                + routing, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Cannot resolve the shard: " + response.body());
        }
        return JSON.readTree(response.body()).at("/shards/0/0/shard").asInt();
    }

    /** One request to the test Elasticsearch; {@code _bulk} bodies go as NDJSON. */
    static HttpResponse<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json")
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
