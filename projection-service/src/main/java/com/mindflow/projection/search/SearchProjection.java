package com.mindflow.projection.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

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
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntrySnapshot;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.projection.delivery.EventBatches;
import com.mindflow.projection.delivery.ProjectionLag;
import com.mindflow.projection.erasure.ErasedUsers;
import com.mindflow.support.problem.StoreUnavailableException;
import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;

/**
 * Keeps the {@code journal_entries} search index current. Every write carries the entry's version as an external
 * version, so Elasticsearch itself refuses a replayed or overtaken event: no state of our own, and no refresh per
 * write (the index refreshes every second; read-your-writes waits for that refresh in query-service instead). Every
 * write is routed by the owner's id ({@link JournalSearchIndex#routing}), so one journal lives on one shard; the
 * mapping requires it, so a write without routing fails instead of landing on the wrong shard.
 */
@Component
class SearchProjection {

    static final String GROUP = "projection-search";
    static final String SINK = "search";

    /**
     * Version of the tombstones an erasure leaves: above any entry version, so a late event of the deleted user
     * cannot bring a document back while Elasticsearch keeps the tombstone ({@code index.gc_deletes}, 1 day).
     */
    static final long ERASED_VERSION = 1L << 40;

    private static final Logger log = LoggerFactory.getLogger(SearchProjection.class);
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    private final ElasticsearchClient client;
    private final SearchIndexAdmin admin;
    private final ProjectionLag lag;
    private final ErasedUsers erasedUsers;
    private final EventCodec codec = new EventCodec();

    SearchProjection(ElasticsearchClient client, SearchIndexAdmin admin, ProjectionLag lag, ErasedUsers erasedUsers) {
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
            log.warn("Search index not ready yet: {}", e.toString());
        }
    }

    /**
     * One poll's events in one {@code _bulk} request (per target), in order; an erasure flushes what came before it.
     * A record that cannot be read or applied is reported by its index, so the error handler commits the ones before
     * it, retries it and finally parks it, while the rest of the batch is delivered again (external versions make
     * that harmless).
     */
    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS}, batch = "true",
            properties = {EventBatches.FETCH_MIN_BYTES, EventBatches.FETCH_MAX_WAIT})
    void on(List<ConsumerRecord<String, String>> records) throws IOException {
        List<String> targets = new ArrayList<>();
        // An entry event of an erased user (late: another topic, or replayed) must not index anything again.
        Set<UUID> erased = new HashSet<>();
        EventBatches.forTheWholePoll(() -> {
            try {
                targets.addAll(targets());
            }
            catch (ElasticsearchException e) {
                throw transientOrNot(e);
            }
            erased.addAll(erasedUsers.erasedAmong(EventBatches.userKeys(records)));
        });
        Bulk bulk = new Bulk(targets);
        for (int i = 0; i < records.size(); i++) {
            EventEnvelope<?> envelope;
            try {
                envelope = codec.read(records.get(i).value());
            }
            catch (RuntimeException e) {
                bulk.flush();
                throw new BatchListenerFailedException("Unreadable event", e, i);
            }
            switch (envelope.payload()) {
                case JournalEntrySnapshot entry when erased.contains(entry.userId()) ->
                        log.debug("Dropping {} of erased user {}", envelope.eventType(), entry.userId());
                case JournalEntrySnapshot entry -> bulk.add(i, envelope, index -> BulkOperation.of(b -> b.index(op -> op
                        .index(index).id(entry.entryId().toString()).routing(JournalSearchIndex.routing(entry.userId()))
                        .versionType(VersionType.External).version((long) entry.version())
                        .document(document(entry)))));
                case JournalEntryDeleted deleted -> bulk.add(i, envelope, index -> BulkOperation.of(b -> b.delete(op -> op
                        .index(index).id(deleted.entryId().toString()).routing(JournalSearchIndex.routing(deleted.userId()))
                        .versionType(VersionType.External).version((long) deleted.version()))));
                case UserDeleted deleted -> {
                    bulk.flush();
                    try {
                        erasedUsers.erased(deleted.userId(), deleted.deletedAt());
                        erased.add(deleted.userId());
                        for (String index : bulk.targets) {
                            erase(index, deleted.userId());
                        }
                    }
                    catch (IOException | RuntimeException e) {
                        throw new BatchListenerFailedException("Erasure failed", e, i);
                    }
                    lag.applied(SINK, envelope.occurredAt());
                }
                default -> {
                }
            }
        }
        bulk.flush();
    }

    /** Operations of consecutive records, each on every target, sent as one request. */
    private final class Bulk {

        private final List<String> targets;
        private final List<BulkOperation> operations = new ArrayList<>();
        private final List<Integer> recordOfOperation = new ArrayList<>();
        private final List<EventEnvelope<?>> envelopes = new ArrayList<>();

        Bulk(List<String> targets) {
            this.targets = targets;
        }

        void add(int record, EventEnvelope<?> envelope, Function<String, BulkOperation> operation) {
            for (String target : targets) {
                operations.add(operation.apply(target));
                recordOfOperation.add(record);
            }
            envelopes.add(envelope);
        }

        void flush() throws IOException {
            if (operations.isEmpty()) {
                return;
            }
            BulkResponse response;
            try {
                response = client.bulk(b -> b.operations(operations));
            }
            catch (ElasticsearchException e) {
                throw new BatchListenerFailedException("Bulk request failed", transientOrNot(e),
                        recordOfOperation.getFirst());
            }
            catch (IOException | RuntimeException e) {
                throw new BatchListenerFailedException("Bulk request failed", e, recordOfOperation.getFirst());
            }
            if (response.errors()) {
                List<BulkResponseItem> items = response.items();
                for (int op = 0; op < items.size(); op++) {
                    BulkResponseItem item = items.get(op);
                    // 409: the index holds this version or a newer one; 404: nothing to delete. Both mean done.
                    if (item.error() != null && item.status() != CONFLICT && item.status() != NOT_FOUND) {
                        String failure = item.error().type() + ": " + item.error().reason();
                        // 429 and 5xx: the index cannot take writes now (shards recovering, queue full), not poison.
                        RuntimeException cause = item.status() == 429 || item.status() >= 500
                                ? new StoreUnavailableException(failure) : new IllegalStateException(failure);
                        throw new BatchListenerFailedException(failure, cause, recordOfOperation.get(op));
                    }
                }
            }
            envelopes.forEach(envelope -> lag.applied(SINK, envelope.occurredAt()));
            operations.clear();
            recordOfOperation.clear();
            envelopes.clear();
        }
    }

    /** 429 and 5xx mean the cluster cannot serve now (shards recovering, queues full): an outage, not poison. */
    private static RuntimeException transientOrNot(ElasticsearchException e) {
        return e.status() == 429 || e.status() >= 500 ? new StoreUnavailableException(e.getMessage(), e) : e;
    }

    /** The live alias and, while a rebuild runs, the index it fills: both must see every live change. */
    private List<String> targets() throws IOException {
        admin.ensureAlias();
        return admin.rebuildTarget().map(rebuilding -> List.of(JournalSearchIndex.ALIAS, rebuilding))
                .orElse(List.of(JournalSearchIndex.ALIAS));
    }

    /** Indexes under the entry's version as external version: an older or repeated state is refused (409). */
    void index(String index, JournalEntrySnapshot entry) throws IOException {
        try {
            client.index(i -> i.index(index).id(entry.entryId().toString())
                    .routing(JournalSearchIndex.routing(entry.userId()))
                    .versionType(VersionType.External).version((long) entry.version())
                    .document(document(entry)));
        }
        catch (ElasticsearchException e) {
            if (e.status() != CONFLICT) {
                throw e;
            }
            log.debug("Search already holds entry {} at a version >= {}", entry.entryId(), entry.version());
        }
    }

    void delete(String index, UUID userId, UUID entryId, long version) throws IOException {
        try {
            client.delete(d -> d.index(index).id(entryId.toString()).routing(JournalSearchIndex.routing(userId))
                    .versionType(VersionType.External).version(version));
        }
        catch (ElasticsearchException e) {
            if (e.status() != CONFLICT && e.status() != NOT_FOUND) {
                throw e;
            }
        }
    }

    /**
     * GDPR erasure without {@code _delete_by_query} (not in this distribution): refresh so the latest writes are
     * visible, page through the user's ids in id order, bulk-delete them behind high-version tombstones. Each delete
     * carries the routing the document was indexed with (the hit's {@code _routing}, the user's id), so it reaches the
     * document and leaves its tombstone on the shard where a late event of the user would land. The search itself is
     * not routed: erasure is rare, and an index from before routing (written without it, until a rebuild replaces it)
     * must be erased completely too.
     */
    void erase(String index, UUID userId) throws IOException {
        client.indices().refresh(r -> r.index(index));
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<Void> page = client.search(s -> {
                s.index(index).size(500).source(src -> src.fetch(false))
                        .query(q -> q.term(t -> t.field("userId").value(userId.toString())))
                        .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
                if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                }
                return s;
            }, Void.class);
            List<Hit<Void>> hits = page.hits().hits();
            if (hits.isEmpty()) {
                return;
            }
            List<BulkOperation> deletes = new ArrayList<>();
            for (Hit<Void> hit : hits) {
                deletes.add(BulkOperation.of(b -> b.delete(d -> d.index(hit.index()).id(hit.id()).routing(hit.routing())
                        .versionType(VersionType.External).version(ERASED_VERSION))));
            }
            BulkResponse response = client.bulk(b -> b.operations(deletes));
            if (response.errors()) {
                response.items().stream().filter(item -> item.error() != null && item.status() != CONFLICT)
                        .findFirst().ifPresent(item -> {
                            throw new UncheckedIOException(new IOException("Erasure of " + item.id() + " failed: "
                                    + item.error().reason()));
                        });
            }
            after = hits.getLast().sort();
        }
    }

    /** The seed's document, plus the tags again as completion input in the owner's context. */
    private static Map<String, Object> document(JournalEntrySnapshot e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", e.entryId().toString());
        doc.put("userId", e.userId().toString());
        doc.put("date", e.date().toString());
        doc.put("title", e.title());
        doc.put("content", e.content());
        doc.put("mood", e.mood() == null ? null : e.mood().wireName());
        doc.put("tags", e.tags());
        if (!e.tags().isEmpty()) {
            // Contexts given explicitly: this Elasticsearch refuses the mapping's path-derived context at index time.
            doc.put(JournalSearchIndex.TAG_SUGGEST, Map.of("input", e.tags(),
                    "contexts", Map.of(JournalSearchIndex.USER_CONTEXT, List.of(e.userId().toString()))));
        }
        doc.put("location", e.location());
        doc.put("wordCount", e.wordCount());
        doc.put("isPrivate", e.isPrivate());
        doc.put("createdAt", e.createdAt().toString());
        doc.put("updatedAt", e.updatedAt().toString());
        return doc;
    }
}
