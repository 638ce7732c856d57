package com.mindflow.projection.search;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/**
 * An alias over time-stamped physical indices ({@code <prefix><yyyyMMddHHmmssSSS>}): the journal index and the chunk
 * index both write through their alias, so a rebuild or re-derivation can fill a new index and swap the alias.
 */
public final class AliasedIndex {

    private static final Logger log = LoggerFactory.getLogger(AliasedIndex.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final ElasticsearchClient client;
    private final String alias;
    private final String prefix;
    private final Supplier<String> definition;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean aliasReady;

    /** {@code definition}: the index body (settings and mappings) a new physical index is created with. */
    public AliasedIndex(ElasticsearchClient client, String alias, String prefix, Supplier<String> definition) {
        this.client = client;
        this.alias = alias;
        this.prefix = prefix;
        this.definition = definition;
    }

    /** Creates the first index and the alias unless the alias exists. Cheap after the first success. */
    public void ensureAlias() throws IOException {
        if (aliasReady) {
            return;
        }
        synchronized (this) {
            if (!aliasReady && !client.indices().existsAlias(a -> a.name(alias)).value()) {
                String index = createIndex();
                client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(index).alias(alias)
                        .isWriteIndex(true))));
                log.info("Created index {} behind alias {}", index, alias);
            }
            aliasReady = true;
        }
    }

    /** A new, empty physical index with the definition; returns its name. */
    public String createIndex() throws IOException {
        String index = prefix + SUFFIX.format(clock.instant());
        String body = definition.get();
        client.indices().create(c -> c.index(index).withJson(new StringReader(body)));
        return index;
    }

    /** Deletes an index (and so its aliases); an index that is already gone is fine. */
    public void dropIndex(String index) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            client.indices().delete(d -> d.index(index));
        }
    }
}
