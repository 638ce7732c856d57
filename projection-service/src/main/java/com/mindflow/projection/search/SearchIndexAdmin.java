package com.mindflow.projection.search;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owns the physical indices behind the {@link JournalSearchIndex#ALIAS} alias: creates {@code journal_entries_<time>}
 * from {@link JournalSearchIndex#definition()} and points the alias at it, so a rebuild can fill a new index and
 * swap the alias without downtime.
 */
@Component
class SearchIndexAdmin {

    /**
     * Points at the index a running rebuild fills, so live writes reach it too (dual write) and no change made while
     * the replay runs is missing after the swap.
     */
    static final String REBUILD_ALIAS = JournalSearchIndex.ALIAS + "_rebuild";

    /** How long a live writer trusts its look-up of {@link #REBUILD_ALIAS}; a rebuild waits twice as long to start. */
    static final Duration TARGET_TTL = Duration.ofSeconds(1);

    private final ElasticsearchClient client;
    private final SearchIndexSettings settings;
    private final JsonMapper json;
    private final AliasedIndex aliased;
    private final Clock clock = Clock.systemUTC();
    private volatile CachedTarget rebuildTarget = new CachedTarget(Optional.empty(), Instant.EPOCH);

    /** The rebuild alias as last looked up; live writers look again after {@link #TARGET_TTL}. */
    private record CachedTarget(Optional<String> index, Instant until) {
    }

    SearchIndexAdmin(ElasticsearchClient client, SearchIndexSettings settings, JsonMapper json) {
        this.client = client;
        this.settings = settings;
        this.json = json;
        this.aliased = new AliasedIndex(client, JournalSearchIndex.ALIAS, JournalSearchIndex.INDEX_PREFIX,
                this::indexDefinition);
    }

    /** Creates the first index and the alias unless the alias exists. Cheap after the first success. */
    void ensureAlias() throws IOException {
        aliased.ensureAlias();
    }

    /** A new, empty physical index with the mapping; returns its name. */
    String createIndex() throws IOException {
        return aliased.createIndex();
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
    void dropIndex(String name) throws IOException {
        aliased.dropIndex(name);
    }

    private List<String> holders(String alias) throws IOException {
        if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
            return List.of();
        }
        return List.copyOf(client.indices().getAlias(a -> a.name(alias)).aliases().keySet());
    }

    String indexDefinition() {
        return json.writeValueAsString(settings.applyTo(json, JournalSearchIndex.definition()));
    }
}
