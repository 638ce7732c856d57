package com.mindflow.projection.search;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

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
    /**
     * Points at the index a running rebuild fills, so live writes reach it too (dual write) and no change made while
     * the replay runs is missing after the swap.
     */
    static final String REBUILD_ALIAS = JournalSearchIndex.ALIAS + "_rebuild";

    /** How long a live writer trusts its look-up of {@link #REBUILD_ALIAS}; a rebuild waits twice as long to start. */
    static final Duration TARGET_TTL = Duration.ofSeconds(1);

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final ElasticsearchClient client;
    private final SearchIndexSettings settings;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean aliasReady;
    private volatile CachedTarget rebuildTarget = new CachedTarget(Optional.empty(), Instant.EPOCH);

    /** The rebuild alias as last looked up; live writers look again after {@link #TARGET_TTL}. */
    private record CachedTarget(Optional<String> index, Instant until) {
    }

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

    /** The index a running rebuild fills, if any (looked up at most once per {@link #TARGET_TTL}). */
    Optional<String> rebuildTarget() throws IOException {
        CachedTarget cached = rebuildTarget;
        Instant now = clock.instant();
        if (now.isBefore(cached.until())) {
            return cached.index();
        }
        Optional<String> index = holders(REBUILD_ALIAS).stream().findFirst();
        rebuildTarget = new CachedTarget(index, now.plus(TARGET_TTL));
        return index;
    }

    /** A new index for a rebuild, behind {@link #REBUILD_ALIAS} alone (a superseded rebuild's index loses it). */
    String createRebuildIndex() throws IOException {
        String index = createIndex();
        List<String> previous = holders(REBUILD_ALIAS);
        client.indices().updateAliases(u -> {
            u.actions(a -> a.add(add -> add.index(index).alias(REBUILD_ALIAS)));
            previous.forEach(old -> u.actions(a -> a.remove(r -> r.index(old).alias(REBUILD_ALIAS))));
            return u;
        });
        rebuildTarget = new CachedTarget(Optional.of(index), clock.instant().plus(TARGET_TTL));
        return index;
    }

    /** The end of a rebuild: the alias moves to {@code index} in one step, then the old indices go. */
    void completeRebuild(String index) throws IOException {
        List<String> old = holders(JournalSearchIndex.ALIAS).stream().filter(name -> !name.equals(index)).toList();
        client.indices().updateAliases(u -> {
            u.actions(a -> a.add(add -> add.index(index).alias(JournalSearchIndex.ALIAS).isWriteIndex(true)));
            old.forEach(name -> u.actions(a -> a.remove(r -> r.index(name).alias(JournalSearchIndex.ALIAS))));
            u.actions(a -> a.remove(r -> r.index(index).alias(REBUILD_ALIAS)));
            return u;
        });
        rebuildTarget = new CachedTarget(Optional.empty(), Instant.EPOCH);
        for (String name : old) {
            dropIndex(name);
        }
    }

    /** Deletes an index (and so its aliases); an index that is already gone is fine. */
    void dropIndex(String index) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            client.indices().delete(d -> d.index(index));
        }
    }

    private List<String> holders(String alias) throws IOException {
        if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
            return List.of();
        }
        return List.copyOf(client.indices().getAlias(a -> a.name(alias)).aliases().keySet());
    }

    String indexDefinition() {
        ObjectNode definition = (ObjectNode) json.readTree(JournalSearchIndex.definition());
        ObjectNode indexSettings = (ObjectNode) definition.get("settings");
        indexSettings.put("number_of_shards", settings.shards());
        indexSettings.put("number_of_replicas", settings.replicas());
        return json.writeValueAsString(definition);
    }
}
