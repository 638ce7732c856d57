package com.mindflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicNameIsVersioned() {
        assertThat(Topics.all()).isNotEmpty()
                .allMatch(topic -> Topics.VERSIONED_NAME.matcher(topic).matches(), "matches mindflow.<feature>.v<N>")
                .doesNotHaveDuplicates();
    }

    @Test
    void listsEveryTopicConstant() {
        var constants = Arrays.stream(Topics.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(TopicsTest::value)
                .filter(value -> value.startsWith("mindflow."));

        assertThat(constants).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(Topics.all().stream(), Topics.operational().stream()).toList());
    }

    @Test
    void operationalTopicsAreVersionedAndApartFromTheEventTopics() {
        assertThat(Topics.operational()).containsExactly("mindflow.api-requests.v1", "mindflow.application-logs.v1")
                .allMatch(topic -> Topics.VERSIONED_NAME.matcher(topic).matches())
                .doesNotContainAnyElementsOf(Topics.all());
    }

    @Test
    void namesTheDeadLetterTopicAfterItsTopic() {
        assertThat(Topics.deadLetter(Topics.USERS)).isEqualTo("mindflow.users.v1.dlt");
        assertThat(Topics.all()).map(Topics::deadLetter)
                .allMatch(dlt -> dlt.matches(Topics.VERSIONED_NAME.pattern() + "\\.dlt"));
    }

    @Test
    void refusesADeadLetterTopicForAForeignOrUnversionedName() {
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.deadLetter("journal-entries"));
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.deadLetter("mindflow.users"));
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.deadLetter("mindflow.users.v1.dlt"));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
