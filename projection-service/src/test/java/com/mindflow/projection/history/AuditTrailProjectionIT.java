package com.mindflow.projection.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;

class AuditTrailProjectionIT extends ProjectionTest {

    @Autowired
    private MongoTemplate mongo;

    @Test
    void everyActionIsAuditedOnceWithoutContent() {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        List<EventEnvelope<?>> history = List.of(user.registered("Di"), user.loggedIn(),
                user.created(entry, LocalDate.of(2025, 5, 5), "Secret title", "secret content", Mood.SAD, List.of()),
                user.deleted(entry, LocalDate.of(2025, 5, 5), 2), user.streak(1, 1, 1, 2));
        publish(history.toArray(EventEnvelope[]::new));
        eventually().until(() -> audit(user.userId()).size() == 4);
        publish(history.toArray(EventEnvelope[]::new));
        publish(user.loggedIn());
        eventually().until(() -> audit(user.userId()).size() == 5);

        List<Document> documents = audit(user.userId());
        assertThat(documents).extracting(d -> d.getString("action"))
                .containsExactlyInAnyOrder("ACCOUNT_CREATE", "LOGIN", "ENTRY_CREATE", "ENTRY_DELETE", "LOGIN");
        Document created = documents.stream().filter(d -> d.getString("action").equals("ENTRY_CREATE")).findFirst().orElseThrow();
        assertThat(created.get("metadata", Document.class).getString("entryId")).isEqualTo(entry.toString());
        assertThat(created.getString("retentionPolicy")).isEqualTo("7_years");
        assertThat(created.getString("requestId")).isNotBlank();
        assertThat(created.toJson()).doesNotContain("Secret title").doesNotContain("secret content");

        List<Document> indexes = mongo.getCollection(HistoryCollections.AUDIT_LOGS).listIndexes()
                .into(new ArrayList<>());
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.get("key", Document.class)).containsKey("requestId");
            assertThat(index.getBoolean("unique")).isTrue();
        });
        assertThat(indexes).filteredOn(index -> index.get("expireAfterSeconds") != null)
                .extracting(index -> ((Number) index.get("expireAfterSeconds")).longValue())
                .containsExactly(220_752_000L);
        assertThat(mongo.getCollection(HistoryCollections.API_REQUESTS).listIndexes().into(new ArrayList<>()))
                .anySatisfy(index -> assertThat(index.get("expireAfterSeconds")).isNotNull());
    }

    private List<Document> audit(UUID userId) {
        return mongo.getCollection(HistoryCollections.AUDIT_LOGS)
                .find(new Document("userId", userId.toString()))
                .sort(new Document("timestamp", 1)).into(new ArrayList<>());
    }
}
