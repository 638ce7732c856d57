package com.mindflow.projection.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A sink that stops consuming for a minute (a slow or stuck consumer) holds back only itself: the other sinks stay
 * current, the paused one catches up once it runs again, and its lag metric shows the minute its events waited.
 */
class SlowConsumerIT extends ProjectionTest {

    private static final Duration PAUSE = Duration.ofSeconds(60);
    private static final String SEARCH_GROUP = "projection-search";

    @Autowired
    private KafkaListenerEndpointRegistry containers;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ElasticsearchClient elasticsearch;

    @Test
    void aSinkPausedForAMinuteCatchesUpAndItsLagShowsIt() throws Exception {
        MessageListenerContainer search = containers.getListenerContainer(SEARCH_GROUP);
        assertThat(search).isNotNull();
        Events user = new Events();
        List<UUID> entries = new ArrayList<>();
        search.pause();
        try {
            eventually().until(search::isContainerPaused);
            publish(user.registered("Slow"));
            for (int i = 0; i < 20; i++) {
                UUID entry = UUID.randomUUID();
                entries.add(entry);
                publish(user.created(entry, LocalDate.of(2025, 3, 1).plusDays(i), "Waiting " + i, "content",
                        Mood.NEUTRAL, List.of("slow")));
            }
            // The read model does not wait for search.
            eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE user_id = :u")
                    .param("u", user.userId()).query(Long.class).single() == 20);
            Thread.sleep(PAUSE);
            assertThat(searchable(user.userId())).as("nothing indexed while the sink is paused").isZero();
        }
        finally {
            search.resume();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> searchable(user.userId()) == entries.size());
        Timer lag = meters.get(ProjectionLag.METRIC).tag("sink", "search").timer();
        assertThat(lag.max(TimeUnit.SECONDS)).as("the longest lag of the search sink, in seconds")
                .isGreaterThanOrEqualTo(PAUSE.toSeconds() - 1);
    }

    private long searchable(UUID userId) throws Exception {
        elasticsearch.indices().refresh(r -> r.index(JournalSearchIndex.ALIAS));
        return elasticsearch.count(c -> c.index(JournalSearchIndex.ALIAS)
                .query(q -> q.term(t -> t.field("userId").value(userId.toString())))).count();
    }
}
