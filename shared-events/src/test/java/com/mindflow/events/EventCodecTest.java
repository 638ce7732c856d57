package com.mindflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryRestored;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.events.user.UserDeleted;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final JsonMapper plain = JsonMapper.builder().build();

    @Test
    void writesDatesAsIsoStringsAndIdsAsPlainStrings() {
        JsonNode json = plain.readTree(codec.write(EventSamples.sample(JournalEntryUpdated.class)));

        assertThat(json.get("occurredAt").isString()).isTrue();
        assertThat(json.get("occurredAt").asString()).isEqualTo("2025-10-25T21:05:12.345Z");
        assertThat(json.get("payload").get("date").asString()).isEqualTo("2025-10-25");
        assertThat(json.get("eventId").isString()).isTrue();
        assertThat(json.get("userId").asString()).isEqualTo(EventSamples.ANA.toString());
    }

    @Test
    void writesEnumsByTheirLowerCaseWireNames() {
        JsonNode json = plain.readTree(codec.write(EventSamples.sample(InsightGenerated.class)));

        assertThat(json.get("payload").get("insightType").asString()).isEqualTo("weekly");
        assertThat(json.get("payload").get("dominantMood").asString()).isEqualTo("happy");
        assertThat(json.get("payload").get("themes").get(0).get("sentiment").asString()).isEqualTo("mixed");
    }

    @Test
    void writesAbsentValuesAsExplicitNulls() {
        JsonNode payload = plain.readTree(codec.write(EventSamples.sample(JournalEntryRestored.class))).get("payload");

        assertThat(payload.has("mood")).isTrue();
        assertThat(payload.get("mood").isNull()).isTrue();
    }

    @Test
    void neverPutsAJavaClassNameOnTheWire() {
        EventTypes.all().forEach(type -> assertThat(codec.write(EventSamples.sample(type)))
                .doesNotContain("com.mindflow", "@class", "@type"));
    }

    @Test
    void toleratesFieldsItDoesNotKnow() {
        ObjectNode json = (ObjectNode) plain.readTree(codec.write(EventSamples.sample(JournalEntryCreated.class)));
        json.put("producedBy", "command-service");
        ((ObjectNode) json.get("payload")).put("sentimentHint", "calm");

        assertThat(codec.read(json.toString())).isEqualTo(EventSamples.sample(JournalEntryCreated.class));
    }

    @Test
    void readsANullableFieldAnOlderProducerDidNotWriteAsAbsent() {
        ObjectNode json = (ObjectNode) plain.readTree(codec.write(EventSamples.sample(JournalEntryCreated.class)));
        ((ObjectNode) json.get("payload")).remove("weather");
        ((ObjectNode) json.get("payload")).remove("tags");

        JournalEntryCreated read = codec.read(json.toString(), JournalEntryCreated.class).payload();

        assertThat(read.weather()).isNull();
        assertThat(read.tags()).isEmpty();
        assertThat(read.title()).isEqualTo("A Reflective Evening");
    }

    @Test
    void readsTheExpectedPayloadType() {
        String json = codec.write(EventSamples.sample(UserDeleted.class));

        UserDeleted deleted = codec.read(json, UserDeleted.class).payload();

        assertThat(deleted.userId()).isEqualTo(EventSamples.ANA);
    }

    @Test
    void refusesAnEventOfAnotherTypeThanExpected() {
        String json = codec.write(EventSamples.sample(UserDeleted.class));

        assertThatIllegalArgumentException().isThrownBy(() -> codec.read(json, JournalEntryCreated.class))
                .withMessageContaining("JournalEntryCreated.v1").withMessageContaining("UserDeleted v1");
    }

    @Test
    void refusesAnEventTypeOrVersionThisBuildDoesNotKnow() {
        ObjectNode json = (ObjectNode) plain.readTree(codec.write(EventSamples.sample(JournalEntryCreated.class)));
        json.put("eventVersion", 2);

        assertThatThrownBy(() -> codec.read(json.toString()))
                .isInstanceOfSatisfying(UnknownEventTypeException.class, unknown -> {
                    assertThat(unknown.eventType()).isEqualTo("JournalEntryCreated");
                    assertThat(unknown.eventVersion()).isEqualTo(2);
                });
    }
}
