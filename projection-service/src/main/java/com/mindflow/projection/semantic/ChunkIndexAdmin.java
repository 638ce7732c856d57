package com.mindflow.projection.semantic;

import java.io.IOException;

import org.springframework.stereotype.Component;

import com.mindflow.projection.search.AliasedIndex;
import com.mindflow.projection.search.SearchIndexSettings;
import com.mindflow.support.readside.JournalChunkIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owns the physical index behind the {@link JournalChunkIndex#ALIAS} alias, as {@code SearchIndexAdmin} does for the
 * journal index: creates {@code journal_entry_chunks_<time>} from {@link JournalChunkIndex#definition()} (with the
 * journal index's shards and replicas) and points the alias at it when the alias does not exist, so a later
 * re-derivation can fill a new index and swap the alias.
 */
@Component
class ChunkIndexAdmin {

    private final SearchIndexSettings settings;
    private final JsonMapper json;
    private final AliasedIndex aliased;

    ChunkIndexAdmin(ElasticsearchClient client, SearchIndexSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.aliased = new AliasedIndex(client, JournalChunkIndex.ALIAS, JournalChunkIndex.INDEX_PREFIX,
                this::indexDefinition);
    }

    /** Creates the first index and the alias unless the alias exists. Cheap after the first success. */
    void ensureAlias() throws IOException {
        aliased.ensureAlias();
    }

    /**
     * The shared definition with this installation's shards and replicas. It keeps a delete's tombstone (and its
     * version) for a day ({@code gc_deletes}, default 60 s), so a late or re-driven embedding of a withdrawn version
     * is still refused hours later.
     */
    String indexDefinition() {
        return json.writeValueAsString(settings.applyTo(json, JournalChunkIndex.definition()));
    }
}
