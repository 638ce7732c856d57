package com.mindflow.projection.semantic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.projection.delivery.EventBatches;
import com.mindflow.projection.delivery.ProjectionLag;
import com.mindflow.projection.erasure.ErasedUsers;
import com.mindflow.support.problem.StoreUnavailableException;
import com.mindflow.support.readside.JournalChunkIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;

/**
 * Keeps the {@code journal_entry_chunks} index ({@link JournalChunkIndex}) to the newest embedded version of each
 * entry, and empty of whatever the AI may no longer use. Like the journal index, every write is routed by the owner's
 * id and carries the entry's version as an external version, so Elasticsearch itself refuses a replayed or overtaken
 * write; deletes leave tombstones with a version ({@code gc_deletes} 1 d), so a late embedding of a withdrawn version
 * is refused too. Chunk 0 is the entry's gate: it exists for every embedded version and every withdrawal leaves a
 * tombstone on it, so an embedding whose chunk 0 is refused (and is not a redelivery of the version held) is stale and
 * none of its chunks is written.
 *
 * <p>Events are applied one at a time, in order: an embedding is a few requests (chunk 0, the rest in one
 * {@code _bulk}, a clean-up), and there is about one per entry save. No refresh, except before a user's chunks are
 * searched for deletion (private mode, erasure), which must see the latest writes.
 */
@Component
class ChunkProjection {

    static final String GROUP = "projection-search-chunks";
    static final String SINK = "search-chunks";

    /** Version of an erasure's tombstones: above any entry version (as the journal index's erasure). */
    static final long ERASED_VERSION = 1L << 40;

    private static final Logger log = LoggerFactory.getLogger(ChunkProjection.class);
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    /** Ids looked up per realtime {@code _mget} when probing an entry's chunks beyond a given index. */
    private static final int PROBE = 16;
    private static final int PAGE = 500;

    private final ElasticsearchClient client;
    private final ChunkIndexAdmin admin;
    private final ProjectionLag lag;
    private final ErasedUsers erasedUsers;
    private final EventCodec codec = new EventCodec();

    ChunkProjection(ElasticsearchClient client, ChunkIndexAdmin admin, ProjectionLag lag, ErasedUsers erasedUsers) {
        this.client = client;
        this.admin = admin;
        this.lag = lag;
        this.erasedUsers = erasedUsers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void prepareIndex() {
        try {
            admin.ensureAlias();
        }
        catch (IOException | RuntimeException e) {
            // Not fatal: the first event tries again, and its retries park it if Elasticsearch stays away.
            log.warn("Chunk index not ready yet: {}", e.toString());
        }
    }

    /**
     * One poll's events in order. A record that cannot be read or applied is reported by its index, so the error
     * handler commits the ones before it, retries it and finally parks it, while the rest of the batch is delivered
     * again (every write is version-guarded, so that is harmless).
     */
    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.AI_INSIGHTS, Topics.JOURNAL_ENTRIES, Topics.USERS},
            batch = "true", properties = {EventBatches.FETCH_MIN_BYTES, EventBatches.FETCH_MAX_WAIT})
    void on(List<ConsumerRecord<String, String>> records) {
        Set<UUID> erased = null;
        for (int i = 0; i < records.size(); i++) {
            EventEnvelope<?> envelope;
            try {
                envelope = codec.read(records.get(i).value());
            }
            catch (RuntimeException e) {
                throw new BatchListenerFailedException("Unreadable event", e, i);
            }
            try {
                boolean applied = switch (envelope.payload()) {
                    case JournalEntryEmbedded embedded -> {
                        if (erased == null) {
                            // An embedding of an erased user (late: another topic, or re-driven) must not come back.
                            erased = new HashSet<>(erasedUsers.erasedAmong(EventBatches.userKeys(records)));
                        }
                        if (erased.contains(embedded.userId())) {
                            log.debug("Dropping the chunks of entry {} of erased user {}", embedded.entryId(),
                                    embedded.userId());
                            yield false;
                        }
                        embedded(embedded);
                        yield true;
                    }
                    case JournalEntryAnalysisWithdrawn withdrawn -> {
                        removeEntry(withdrawn.userId(), withdrawn.entryId(), withdrawn.entryVersion());
                        yield true;
                    }
                    case JournalEntryDeleted deleted -> {
                        removeEntry(deleted.userId(), deleted.entryId(), deleted.version());
                        yield true;
                    }
                    case UserAnalysesWithdrawn withdrawn -> {
                        // Each chunk's tombstone at its own version: a stale embedding of it stays out, while an
                        // edit (a newer version) is embedded again once the user leaves private mode.
                        removeUser(withdrawn.userId(), hit -> BulkOperation.of(b -> b.delete(d -> d.index(hit.index())
                                .id(hit.id()).routing(hit.routing()).versionType(VersionType.ExternalGte)
                                .version(hit.version()))));
                        yield true;
                    }
                    case UserDeleted deleted -> {
                        erasedUsers.erased(deleted.userId(), deleted.deletedAt());
                        if (erased != null) {
                            erased.add(deleted.userId());
                        }
                        removeUser(deleted.userId(), hit -> BulkOperation.of(b -> b.delete(d -> d.index(hit.index())
                                .id(hit.id()).routing(hit.routing()).versionType(VersionType.External)
                                .version(ERASED_VERSION))));
                        yield true;
                    }
                    default -> false;
                };
                if (applied) {
                    lag.applied(SINK, envelope.occurredAt());
                }
            }
            catch (ElasticsearchException e) {
                throw new BatchListenerFailedException("Could not apply " + envelope.eventType(), transientOrNot(e), i);
            }
            catch (IOException | RuntimeException e) {
                throw new BatchListenerFailedException("Could not apply " + envelope.eventType(), e, i);
            }
        }
    }

    /**
     * Replaces the entry's chunks by this version's: chunk 0 first (the gate), then the others in one request, then
     * the chunks this version no longer has (an edit may shorten the entry) and any of an older version are deleted.
     */
    void embedded(JournalEntryEmbedded embedded) throws IOException {
        admin.ensureAlias();
        long version = embedded.entryVersion();
        if (!JournalChunkIndex.MODEL.equals(embedded.model()) || embedded.dimensions() != JournalChunkIndex.DIMENSIONS) {
            // Vectors of another model never mix with the index's: a misconfigured analyser, nothing to apply.
            log.warn("Skipping the chunks of entry {} v{}: model {} with {} dimensions, the index holds {} with {}",
                    embedded.entryId(), version, embedded.model(), embedded.dimensions(), JournalChunkIndex.MODEL,
                    JournalChunkIndex.DIMENSIONS);
            return;
        }
        List<JournalEntryEmbedded.Chunk> chunks = embedded.chunks();
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).index() != i) {
                throw new IllegalArgumentException("Chunks of entry " + embedded.entryId() + " v" + version
                        + " are not numbered 0.." + (chunks.size() - 1));
            }
        }
        if (!chunks.isEmpty()) {
            if (!indexFirst(embedded)) {
                log.debug("Chunk index already holds entry {} at a version >= {}, or withdrew it", embedded.entryId(),
                        version);
                return;
            }
            List<BulkOperation> rest = new ArrayList<>();
            for (JournalEntryEmbedded.Chunk chunk : chunks.subList(1, chunks.size())) {
                rest.add(BulkOperation.of(b -> b.index(op -> op.index(JournalChunkIndex.ALIAS)
                        .id(JournalChunkIndex.chunkId(embedded.entryId(), chunk.index()))
                        .routing(JournalChunkIndex.routing(embedded.userId()))
                        .versionType(VersionType.External).version(version).document(document(embedded, chunk)))));
            }
            bulk(rest);
        }
        removeChunks(embedded.userId(), embedded.entryId(), chunks.size(), false, VersionType.External, version);
    }

    /**
     * Indexes chunk 0. True if it is written, or already holds this very version (a redelivery, which then completes
     * whatever the first delivery did not); false if a newer version or a withdrawal's tombstone refuses it.
     */
    private boolean indexFirst(JournalEntryEmbedded embedded) throws IOException {
        String id = JournalChunkIndex.chunkId(embedded.entryId(), 0);
        String routing = JournalChunkIndex.routing(embedded.userId());
        try {
            client.index(i -> i.index(JournalChunkIndex.ALIAS).id(id).routing(routing)
                    .versionType(VersionType.External).version((long) embedded.entryVersion())
                    .document(document(embedded, embedded.chunks().getFirst())));
            return true;
        }
        catch (ElasticsearchException e) {
            if (e.status() != CONFLICT) {
                throw e;
            }
        }
        var current = client.get(g -> g.index(JournalChunkIndex.ALIAS).id(id).routing(routing)
                .source(s -> s.fetch(false)), Void.class);
        return current.found() && current.version() != null && current.version() == embedded.entryVersion();
    }

    /**
     * Withdrawal or deletion of the entry at {@code version}: every chunk of that version or older goes (a newer one
     * refuses the delete and stays), and chunk 0 gets a tombstone even when absent, so an embedding of such a
     * version that arrives later is refused.
     */
    void removeEntry(UUID userId, UUID entryId, long version) throws IOException {
        admin.ensureAlias();
        removeChunks(userId, entryId, 0, true, VersionType.ExternalGte, version);
    }

    /**
     * Deletes the entry's chunks from {@code fromIndex} on, and any of an older version than {@code version}, each
     * under {@code version} as external version: a chunk the index holds at a newer version refuses it (409) and
     * stays. The chunks are found twice: by a realtime {@code _mget} of consecutive ids (sees writes of the last
     * second) and by a search (sees anything else, e.g. a chunk left behind by an interrupted delete).
     */
    private void removeChunks(UUID userId, UUID entryId, int fromIndex, boolean gateToo, VersionType type,
            long version) throws IOException {
        String routing = JournalChunkIndex.routing(userId);
        Set<String> ids = new LinkedHashSet<>();
        if (gateToo) {
            ids.add(JournalChunkIndex.chunkId(entryId, 0));
        }
        for (int start = fromIndex; ; start += PROBE) {
            List<String> probe = new ArrayList<>(PROBE);
            for (int index = start; index < start + PROBE; index++) {
                probe.add(JournalChunkIndex.chunkId(entryId, index));
            }
            MgetResponse<Void> found = client.mget(m -> m.index(JournalChunkIndex.ALIAS).routing(routing).ids(probe)
                    .source(s -> s.fetch(false)), Void.class);
            List<String> existing = found.docs().stream().filter(doc -> doc.isResult() && doc.result().found())
                    .map(doc -> doc.result().id()).toList();
            if (existing.isEmpty()) {
                break;
            }
            ids.addAll(existing);
        }
        Query ofEntry = Query.of(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("userId").value(userId.toString())))
                .filter(f -> f.term(t -> t.field("journalEntryId").value(entryId.toString())))));
        forEachPage(routing, ofEntry, hits -> hits.stream()
                .filter(hit -> chunkIndex(hit) >= fromIndex || (hit.version() != null && hit.version() < version))
                .forEach(hit -> ids.add(hit.id())));
        List<BulkOperation> deletes = new ArrayList<>();
        for (String id : ids) {
            deletes.add(BulkOperation.of(b -> b.delete(d -> d.index(JournalChunkIndex.ALIAS).id(id).routing(routing)
                    .versionType(type).version(version))));
        }
        bulk(deletes);
    }

    /**
     * Every chunk of the user goes: refresh so the latest writes are visible, page through the user's chunks on the
     * user's shard, bulk-delete each page ({@code _delete_by_query} is not in this distribution).
     */
    void removeUser(UUID userId, Function<Hit<Void>, BulkOperation> delete) throws IOException {
        admin.ensureAlias();
        client.indices().refresh(r -> r.index(JournalChunkIndex.ALIAS));
        Query ofUser = Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("userId")
                .value(userId.toString())))));
        forEachPage(JournalChunkIndex.routing(userId), ofUser, hits -> bulk(hits.stream().map(delete).toList()));
    }

    @FunctionalInterface
    private interface PageAction {
        void accept(List<Hit<Void>> hits) throws IOException;
    }

    /** Pages of the query's hits on one routing, by (entry, chunk index), with versions and without sources. */
    private void forEachPage(String routing, Query query, PageAction action) throws IOException {
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<Void> page = client.search(s -> {
                s.index(JournalChunkIndex.ALIAS).routing(routing).size(PAGE).version(true)
                        .source(src -> src.fetch(false)).query(query)
                        .sort(o -> o.field(f -> f.field("journalEntryId").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("chunkIndex").order(SortOrder.Asc)));
                if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                }
                return s;
            }, Void.class);
            List<Hit<Void>> hits = page.hits().hits();
            if (hits.isEmpty()) {
                return;
            }
            action.accept(hits);
            if (hits.size() < PAGE) {
                return;
            }
            after = hits.getLast().sort();
        }
    }

    /** From the hit's sort values (journalEntryId, chunkIndex). */
    private static long chunkIndex(Hit<Void> hit) {
        return hit.sort().get(1).longValue();
    }

    /** One request; a 409 (a newer version is held) or a 404 (nothing to delete) is a success. */
    private void bulk(List<BulkOperation> operations) throws IOException {
        if (operations.isEmpty()) {
            return;
        }
        BulkResponse response = client.bulk(b -> b.operations(operations));
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && item.status() != CONFLICT && item.status() != NOT_FOUND) {
                    String failure = item.error().type() + ": " + item.error().reason();
                    // 429 and 5xx: the index cannot take writes now (shards recovering, queue full), not poison.
                    throw item.status() == 429 || item.status() >= 500
                            ? new StoreUnavailableException(failure) : new IllegalStateException(failure);
                }
            }
        }
    }

    /** 429 and 5xx mean the cluster cannot serve now (shards recovering, queues full): an outage, not poison. */
    private static RuntimeException transientOrNot(ElasticsearchException e) {
        return e.status() == 429 || e.status() >= 500 ? new StoreUnavailableException(e.getMessage(), e) : e;
    }

    private static Map<String, Object> document(JournalEntryEmbedded embedded, JournalEntryEmbedded.Chunk chunk) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("userId", embedded.userId().toString());
        doc.put("journalEntryId", embedded.entryId().toString());
        doc.put("entryVersion", embedded.entryVersion());
        doc.put("date", embedded.date().toString());
        doc.put("chunkIndex", chunk.index());
        doc.put("model", embedded.model());
        doc.put("text", chunk.text());
        doc.put("vector", chunk.vector());
        return doc;
    }
}
