package com.mindflow.ai.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.ai.AiProcessingIT;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.MindFlowEvent;
import com.mindflow.events.Topics;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.events.ai.Sentiment;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.user.UserConsent;
import com.mindflow.events.user.UserConsentUpdated;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettings;
import com.mindflow.events.user.UserSettingsUpdated;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/**
 * Entry events in through Kafka, as the write side sends them; the Redis status and the published
 * {@code mindflow.ai-insights.v1} events out. "Nothing happened" is shown by ordering, not by waiting: each user's
 * events share a partition, so once a later entry's analysis is out, an earlier private one would have been too.
 */
class EntryAnalysisIT extends AiProcessingIT {

    @Test
    void analysesAPublicEntryAndPublishesSentimentKeyPhrasesAndLanguage() {
        UUID user = registered(false, "en");
        UUID entry = UUID.randomUUID();
        publish(created(user, entry, "A wonderful Saturday",
                "Long walk by the river with Ana. The autumn leaves were beautiful and I feel grateful and calm.", false));

        JournalEntryAnalysed analysed = awaitAnalysis(entry);
        assertThat(analysed.userId()).isEqualTo(user);
        assertThat(analysed.entryVersion()).isEqualTo(1);
        assertThat(analysed.sentiment()).isEqualTo(Sentiment.POSITIVE);
        assertThat(analysed.sentimentScore()).isBetween(0.05, 1.0);
        assertThat(analysed.language()).isEqualTo("en");
        assertThat(analysed.keyPhrases()).hasSizeBetween(5, 8).contains("autumn leaves");
        // Completed right after the publish (the event may be read first).
        eventually().until(() -> "completed".equals(redis.opsForValue().get("ai:queue:" + entry)));
        assertThat(redis.getExpire("ai:queue:" + entry)).isBetween(1L, 3600L);

        // And embedded for semantic search: one passage, the title leading, a unit vector of the model's size.
        JournalEntryEmbedded embedded = await(user, JournalEntryEmbedded.class);
        assertThat(embedded.entryVersion()).isEqualTo(1);
        assertThat(embedded.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(embedded.chunks()).singleElement().satisfies(chunk -> {
            assertThat(chunk.text()).startsWith("A wonderful Saturday. Long walk by the river");
            assertThat(chunk.vector()).hasSize(384);
            double norm = 0;
            for (float v : chunk.vector()) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        });
    }

    @Test
    void readsPortugueseAndAnEditReanalysesTheNewVersion() {
        UUID user = registered(false, "pt");
        UUID entry = UUID.randomUUID();
        publish(created(user, entry, "Dia difícil", "Estou exausta e triste, nada deu certo no trabalho.", false));
        JournalEntryAnalysed first = awaitAnalysis(entry);
        assertThat(first.language()).isEqualTo("pt");
        assertThat(first.sentiment()).isEqualTo(Sentiment.NEGATIVE);

        publish(updated(user, entry, "Afinal", "Afinal correu tudo bem e fiquei muito feliz com o jantar.", false, 2));
        // At least once: a rebalance may deliver an analysis twice, so the new version is looked for, not counted.
        eventually().until(() -> analyses(entry).stream().anyMatch(a -> a.entryVersion() == 2));
        JournalEntryAnalysed second = analyses(entry).stream().filter(a -> a.entryVersion() == 2).findFirst()
                .orElseThrow();
        assertThat(second.entryVersion()).isEqualTo(2);
        assertThat(second.sentiment()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void anEditThatLeavesNoWordToEmbedIsPublishedWithoutPassagesSoTheOldOnesGo() {
        UUID user = registered(false, "en");
        UUID entry = UUID.randomUUID();
        publish(created(user, entry, "Sea", "A long walk by the sea, and a swim.", false));
        publish(updated(user, entry, "\uD83C\uDF0A", "\uD83C\uDF0A \uD83C\uDF0A!", false, 2));

        eventually().until(() -> embeddings(user, entry).size() == 2);
        assertThat(embeddings(user, entry)).satisfiesExactly(
                first -> assertThat(first.chunks()).hasSize(1),
                second -> {
                    assertThat(second.entryVersion()).isEqualTo(2);
                    assertThat(second.chunks()).isEmpty();
                });
    }

    @Test
    void aPrivateEntryIsNeverAnalysedAndFlippingToPrivateWithdrawsTheAnalysis() {
        UUID user = registered(false, "en");
        UUID secret = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        publish(created(user, secret, "Private", "I am very happy and nobody may know.", true));
        publish(created(user, later, "Public", "A great day.", false));
        awaitAnalysedAndEmbedded(user, later);
        assertThat(outFor(user)).noneMatch(e -> e.aggregateId().equals(secret));
        assertThat(redis.hasKey("ai:queue:" + secret)).isFalse();

        publish(updated(user, later, "Now private", "A great day.", true, 2));
        JournalEntryAnalysisWithdrawn withdrawn = await(user, JournalEntryAnalysisWithdrawn.class);
        assertThat(withdrawn.entryId()).isEqualTo(later);
        assertThat(withdrawn.entryVersion()).isEqualTo(2);
        assertThat(redis.hasKey("ai:queue:" + later)).isFalse();
    }

    @Test
    void aUserInPrivateModeGetsNothingAnalysedAndTurningItOnWithdrawsEverything() {
        UUID user = registered(false, "en");
        UUID before = UUID.randomUUID();
        publish(created(user, before, "Before", "Lovely evening.", false));
        awaitAnalysis(before);

        publish(settings(user, true));
        await(user, UserAnalysesWithdrawn.class);
        UUID during = UUID.randomUUID();
        EventEnvelope<JournalEntryCreated> writtenDuring = created(user, during, "During",
                "Such a wonderful, happy day.", false);
        publish(settings(user, false));
        noExclusionOpen(user);
        // Written while private mode was on, read only after it was turned off (the topics keep no order between
        // them): the write time decides.
        publish(writtenDuring);
        UUID after = UUID.randomUUID();
        publish(created(user, after, "After", "Fine.", false));
        awaitAnalysedAndEmbedded(user, after);
        assertThat(outFor(user)).noneMatch(e -> e.aggregateId().equals(during));
        assertThat(redis.hasKey("ai:queue:" + during)).isFalse();
    }

    @Test
    void withdrawingDataProcessingConsentStopsTheAnalysisAndWithdrawsEverything() {
        UUID user = registered(false, "en");
        UUID before = UUID.randomUUID();
        publish(created(user, before, "Before", "Lovely evening.", false));
        awaitAnalysis(before);

        publish(consent(user, false));
        await(user, UserAnalysesWithdrawn.class);
        UUID during = UUID.randomUUID();
        publish(created(user, during, "During", "Such a wonderful, happy day.", false));
        publish(consent(user, false)); // repeated: withdrawn again (idempotent), still nothing analysed
        publish(consent(user, true));
        noExclusionOpen(user);
        UUID after = UUID.randomUUID();
        publish(created(user, after, "After", "Fine.", false));
        awaitAnalysedAndEmbedded(user, after);
        assertThat(outFor(user)).noneMatch(e -> e.aggregateId().equals(during));
        assertThat(redis.hasKey("ai:queue:" + during)).isFalse();
    }

    @Test
    void anAccountRegisteredWithoutConsentIsNeverAnalysed() {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        publish(EventEnvelope.of(new UserRegistered(user, user + "@example.com", "Tester", null, "Europe/Lisbon",
                "en", "system", true, new UserSettings(true, false, true, true, true),
                new UserConsent("v1.0", now, "v1.0", now, false, false), now), "test"));
        known(user);
        UUID entry = UUID.randomUUID();
        publish(created(user, entry, "Not for the AI", "A happy day.", false));
        publish(consent(user, true));
        noExclusionOpen(user);
        UUID later = UUID.randomUUID();
        publish(created(user, later, "Now it may", "A calm day.", false));
        awaitAnalysedAndEmbedded(user, later);
        assertThat(outFor(user)).noneMatch(e -> e.aggregateId().equals(entry));
    }

    @Test
    void aDeletedEntryHasItsAnalysisWithdrawn() {
        UUID user = registered(false, "en");
        UUID entry = UUID.randomUUID();
        publish(created(user, entry, "Gone soon", "A good day.", false));
        awaitAnalysis(entry);
        publish(EventEnvelope.of(new JournalEntryDeleted(entry, user, LocalDate.now(), 2, Instant.now()), "test"));
        assertThat(await(user, JournalEntryAnalysisWithdrawn.class).entryId()).isEqualTo(entry);
    }

    @Test
    void aPoisonRecordIsParkedAndTheNextEntryIsStillAnalysed() {
        UUID user = registered(false, "en");
        kafka.send(new ProducerRecord<>(Topics.JOURNAL_ENTRIES, user.toString(), "{not an event")).join();
        UUID entry = UUID.randomUUID();
        publish(created(user, entry, "After the poison", "Happy again.", false));
        assertThat(awaitAnalysis(entry).sentiment()).isEqualTo(Sentiment.POSITIVE);
    }

    private UUID registered(boolean privateMode, String language) {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        publish(EventEnvelope.of(new UserRegistered(user, user + "@example.com", "Tester", null, "Europe/Lisbon",
                language, "system", true, new UserSettings(true, privateMode, true, true, true),
                new UserConsent("v1.0", now, "v1.0", now, true, false), now), "test"));
        return known(user);
    }

    /**
     * Waits until the service has recorded the account: its entries travel on another topic, and one published
     * right after the registration may be read first (then it is analysed, and withdrawn by the registration if the
     * account excludes it: see the README).
     */
    /** As {@link #known}: an entry published right after the end of a period could otherwise be read before it. */
    private void noExclusionOpen(UUID user) {
        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_exclusions WHERE user_id = :id AND to_at IS NULL")
                .param("id", user).query(Integer.class).single() == 0);
    }

    private UUID known(UUID user) {
        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_users WHERE user_id = :id").param("id", user)
                .query(Integer.class).single() == 1);
        return user;
    }

    private static EventEnvelope<UserSettingsUpdated> settings(UUID user, boolean privateMode) {
        return EventEnvelope.of(new UserSettingsUpdated(user, new UserSettings(true, privateMode, true, true, true),
                Instant.now()), "test");
    }

    private static EventEnvelope<UserConsentUpdated> consent(UUID user, boolean dataProcessing) {
        Instant now = Instant.now();
        return EventEnvelope.of(new UserConsentUpdated(user, new UserConsent("v1.0", now, "v1.0", now,
                dataProcessing, false), now), "test");
    }

    private static EventEnvelope<JournalEntryCreated> created(UUID user, UUID entry, String title, String content,
            boolean isPrivate) {
        Instant now = Instant.now();
        return EventEnvelope.of(new JournalEntryCreated(entry, user, LocalDate.now(), title, content, Mood.NEUTRAL,
                List.of(), null, null, content.split("\\s+").length, 30, isPrivate, 1, now, now), "test");
    }

    private static EventEnvelope<JournalEntryUpdated> updated(UUID user, UUID entry, String title, String content,
            boolean isPrivate, int version) {
        Instant now = Instant.now();
        return EventEnvelope.of(new JournalEntryUpdated(entry, user, LocalDate.now(), title, content, Mood.NEUTRAL,
                List.of(), null, null, content.split("\\s+").length, 30, isPrivate, version, now.minusSeconds(5), now),
                "test");
    }

    private static List<JournalEntryAnalysed> analyses(UUID entry) {
        List<JournalEntryAnalysed> found = new ArrayList<>();
        for (EventEnvelope<?> envelope : OUT) {
            if (envelope.payload() instanceof JournalEntryAnalysed a && a.entryId().equals(entry)) {
                found.add(a);
            }
        }
        return found;
    }

    /**
     * The entry's analysis and its embedding are both out: two consumer groups, each reading a user's events in
     * order, so whatever either would have made of the user's earlier entries is out too.
     */
    private static void awaitAnalysedAndEmbedded(UUID user, UUID entry) {
        awaitAnalysis(entry);
        eventually().until(() -> outFor(user).stream().anyMatch(e -> e.payload() instanceof JournalEntryEmbedded
                embedded && embedded.entryId().equals(entry)));
    }

    private static List<JournalEntryEmbedded> embeddings(UUID user, UUID entry) {
        return outFor(user).stream().map(EventEnvelope::payload)
                .filter(p -> p instanceof JournalEntryEmbedded e && e.entryId().equals(entry))
                .map(JournalEntryEmbedded.class::cast).toList();
    }

    private static JournalEntryAnalysed awaitAnalysis(UUID entry) {
        eventually().until(() -> !analyses(entry).isEmpty());
        return analyses(entry).getFirst();
    }

}
