package com.mindflow.query.consistency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;
import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;

/** The version of one of the caller's entries as each read store has it; -1 when the store does not have it. */
@Component
class StoreVersions {

    private final JdbcClient jdbc;
    private final ElasticsearchClient es;

    StoreVersions(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc, ElasticsearchClient es) {
        this.jdbc = jdbc;
        this.es = es;
    }

    long readModel(UUID userId, UUID entryId) {
        return jdbc.sql("SELECT version FROM journals_view WHERE id = :id AND user_id = :userId")
                .param("id", entryId).param("userId", userId)
                .query(Long.class).optional().orElse(-1L);
    }

    /**
     * The version search can see: a search (not a realtime GET), so only what a refresh has made visible counts.
     * projection-service indexes with external versioning, so {@code _version} is the entry's version. Routed by
     * the caller like every write of the caller's entries, so only their shard is asked.
     */
    long search(UUID userId, UUID entryId) {
        try {
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> response = es.search(s -> s.index(JournalSearchIndex.ALIAS)
                    .routing(JournalSearchIndex.routing(userId))
                    .size(1)
                    .version(true)
                    .source(src -> src.fetch(false))
                    .query(q -> q.bool(b -> b
                            .filter(f -> f.ids(i -> i.values(entryId.toString())))
                            .filter(f -> f.term(t -> t.field("userId").value(userId.toString()))))),
                    Map.class);
            return response.hits().hits().stream().findFirst()
                    .map(hit -> hit.version() == null ? -1L : hit.version())
                    .orElse(-1L);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Search version lookup failed", e);
        }
    }
}
