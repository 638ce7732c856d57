package com.mindflow.projection.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mindflow.events.Topics;
import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/**
 * A store that goes away pauses its sink; it never parks good events on a dead-letter topic. Each test takes one
 * server away from the service (the servers keep running; the service reaches them through a proxy that is cut),
 * writes meanwhile, waits far longer than the poison retries take (two attempts 50 ms apart here), then gives the
 * server back and expects the sink to catch up by itself.
 */
class StoreOutageIT extends ProjectionTest {

    /** The old policy parked after about 150 ms; outages of these lengths would have parked every write in them. */
    private static final Duration SEARCH_OUTAGE = Duration.ofSeconds(30);
    private static final Duration HISTORY_OUTAGE = Duration.ofSeconds(4);

    @Autowired
    private ElasticsearchClient elasticsearch;

    @Autowired
    private MongoTemplate mongo;

    @Test
    void searchCatchesUpAfterElasticsearchWasDownForThirtySeconds() throws Exception {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        publish(user.registered("Outage"));
        SEARCH_SERVER.cut();
        try {
            publish(user.created(entry, LocalDate.of(2025, 6, 1), "While search was down", "written anyway",
                    Mood.NEUTRAL, List.of("outage")));
            // The other sinks do not wait for search.
            eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", entry)
                    .query(Long.class).single() == 1);
            Thread.sleep(SEARCH_OUTAGE);
            assertThat(recordsContaining(Topics.deadLetter(Topics.JOURNAL_ENTRIES), entry.toString())).isZero();
        }
        finally {
            SEARCH_SERVER.restore();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> searchable(entry));
        assertThat(recordsContaining(Topics.deadLetter(Topics.JOURNAL_ENTRIES), entry.toString())).isZero();
    }

    @Test
    void theAuditTrailWaitsInKafkaWhileMongoDbIsDown() throws Exception {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        HISTORY_SERVER.cut();
        try {
            publish(user.registered("Audited"), user.loggedIn(),
                    user.created(entry, LocalDate.of(2025, 6, 2), "Audit me", "later", Mood.HAPPY, List.of()));
            eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", entry)
                    .query(Long.class).single() == 1);
            Thread.sleep(HISTORY_OUTAGE);
            assertThat(recordsContaining(Topics.deadLetter(Topics.JOURNAL_ENTRIES), entry.toString())).isZero();
            assertThat(recordsContaining(Topics.deadLetter(Topics.USERS), user.userId().toString())).isZero();
        }
        finally {
            HISTORY_SERVER.restore();
        }
        // The driver finds the server again on its own (server selection waits up to 30 s, then a retry follows).
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> mongo.getCollection("audit_logs")
                        .countDocuments(new Document("userId", user.userId().toString())) == 3);
        assertThat(recordsContaining(Topics.deadLetter(Topics.JOURNAL_ENTRIES), entry.toString())).isZero();
    }

    private boolean searchable(UUID id) throws Exception {
        elasticsearch.indices().refresh(r -> r.index(JournalSearchIndex.ALIAS));
        return elasticsearch.count(c -> c.index(JournalSearchIndex.ALIAS)
                .query(q -> q.ids(i -> i.values(id.toString())))).count() == 1;
    }
}
