package com.mindflow.projection.search;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owns the physical indices behind the {@link JournalSearchIndex#ALIAS} alias: creates {@code journal_entries_<time>}
 * from {@link JournalSearchIndex#definition()} and points the alias at it, so a rebuild can fill a new index and
 * swap the alias without downtime.
 */
@Component
class SearchIndexAdmin {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexAdmin.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final ElasticsearchClient client;
    private final SearchIndexSettings settings;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean aliasReady;

    SearchIndexAdmin(ElasticsearchClient client, SearchIndexSettings settings, JsonMapper json) {
        this.client = client;
        this.settings = settings;
        this.json = json;
    }

    /** Creates the first index and the alias unless the alias exists. Cheap after the first success. */
    void ensureAlias() throws IOException {
        if (aliasReady) {
            return;
        }
        synchronized (this) {
            if (!aliasReady && !client.indices().existsAlias(a -> a.name(JournalSearchIndex.ALIAS)).value()) {
                String index = createIndex();
                client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(index)
                        .alias(JournalSearchIndex.ALIAS).isWriteIndex(true))));
                log.info("Created search index {} behind alias {}", index, JournalSearchIndex.ALIAS);
            }
            aliasReady = true;
        }
    }

    /** A new, empty physical index with the mapping; returns its name. */
    String createIndex() throws IOException {
        String index = JournalSearchIndex.INDEX_PREFIX + SUFFIX.format(clock.instant());
        String body = indexDefinition();
        client.indices().create(c -> c.index(index).withJson(new StringReader(body)));
        return index;
    }

    /** Points the alias at {@code index} alone, in one atomic step (the end of a rebuild). */
    void swapAliasTo(String index) throws IOException {
        List<String> current = client.indices().getAlias(a -> a.name(JournalSearchIndex.ALIAS)).aliases().keySet()
                .stream().filter(name -> !name.equals(index)).toList();
        client.indices().updateAliases(u -> {
            u.actions(a -> a.add(add -> add.index(index).alias(JournalSearchIndex.ALIAS).isWriteIndex(true)));
            current.forEach(old -> u.actions(a -> a.remove(r -> r.index(old).alias(JournalSearchIndex.ALIAS))));
            return u;
        });
    }

    String indexDefinition() {
        ObjectNode definition = (ObjectNode) json.readTree(JournalSearchIndex.definition());
        ObjectNode indexSettings = (ObjectNode) definition.get("settings");
        indexSettings.put("number_of_shards", settings.shards());
        indexSettings.put("number_of_replicas", settings.replicas());
        return json.writeValueAsString(definition);
    }
}
