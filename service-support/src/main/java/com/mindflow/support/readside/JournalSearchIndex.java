package com.mindflow.support.readside;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The Elasticsearch contract between projection-service (writes) and query-service (reads). Both use the alias;
 * the physical index behind it is {@code journal_entries_<suffix>}, so a rebuild fills a new index and swaps the alias.
 * Field names are the seed's mapping plus {@link #TAG_SUGGEST}.
 *
 * <p>Every document is routed by its owner's id ({@link #routing(UUID)}): one user's entries live on one shard, so a
 * search, suggestion or count for one user is sent with the same routing and touches that shard only. The mapping
 * says {@code _routing: {required: true}}, so an index, update, delete or get without routing fails instead of
 * putting (or looking for) a document on the shard its id hashes to.
 */
public final class JournalSearchIndex {

    /** The alias every read and write goes through (the seed's index name). */
    public static final String ALIAS = "journal_entries";

    /** Prefix of the physical indices behind {@link #ALIAS}. */
    public static final String INDEX_PREFIX = "journal_entries_";

    /**
     * Completion field fed with the entry's tags, with a {@code userId} category context so suggestions never cross
     * users. The seed's suggester targeted {@code tags}, a keyword field, which a completion suggester cannot use.
     */
    public static final String TAG_SUGGEST = "tagSuggest";

    /** Name of the completion context holding the owner's id. */
    public static final String USER_CONTEXT = "userId";

    /**
     * Classpath location of the index definition: the seed's settings, {@code journal_analyzer} and mapping, plus
     * {@link #TAG_SUGGEST}. One file, so the index projection-service creates and the one query-service's tests
     * create are the same.
     */
    public static final String DEFINITION = "mindflow/search/journal-entries-index.json";

    /**
     * The routing value of every document and every per-user request: the owner's id. A user's documents must never
     * be written with any other routing, or searches with this routing would miss them.
     */
    public static String routing(UUID userId) {
        return userId.toString();
    }

    /** The index definition as JSON text (shards and replicas as the seed says; deployments override them). */
    public static String definition() {
        try (InputStream in = Objects.requireNonNull(
                JournalSearchIndex.class.getClassLoader().getResourceAsStream(DEFINITION), DEFINITION)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JournalSearchIndex() {
    }
}
