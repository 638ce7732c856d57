package com.mindflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.mindflow.events.journal.JournalEntryCreated;

class EventTypesTest {

    @Test
    void registersEveryEventRecordOfTheModule() throws IOException, URISyntaxException {
        Path classes = Path.of(MindFlowEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> events;
        try (Stream<Path> files = Files.walk(classes)) {
            events = files.map(classes::relativize)
                    .map(Path::toString)
                    .filter(file -> file.endsWith(".class") && !file.contains("$"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
                    .<Class<?>>map(EventTypesTest::load)
                    .filter(type -> type.isRecord() && MindFlowEvent.class.isAssignableFrom(type))
                    .toList();
        }

        assertThat(events).hasSizeGreaterThanOrEqualTo(16);
        assertThat(EventTypes.all().stream().<Class<?>>map(EventType::payloadType))
                .containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void namesAreExplicitIdentifiersMatchingTheRecord() {
        assertThat(EventTypes.all()).allSatisfy(type -> {
            assertThat(type.name()).matches("[A-Z][A-Za-z]+");
            assertThat(type.payloadType().getSimpleName()).startsWith(type.name());
        });
    }

    @Test
    void publishesEveryEventOnAKnownTopic() {
        assertThat(EventTypes.all()).extracting(EventType::topic).allMatch(Topics.all()::contains);
    }

    @Test
    void findsARegistrationByNameAndVersion() {
        assertThat(EventTypes.find("JournalEntryCreated", 1)).get()
                .isEqualTo(EventTypes.of(JournalEntryCreated.class))
                .extracting(EventType::topic).isEqualTo(Topics.JOURNAL_ENTRIES);
    }

    @Test
    void findsNothingForAnUnknownVersionOrName() {
        assertThat(EventTypes.find("JournalEntryCreated", 99)).isEmpty();
        assertThat(EventTypes.find("com.mindflow.events.journal.JournalEntryCreated", 1)).isEmpty();
        assertThat(EventTypes.find(null, 1)).isEmpty();
    }

    @Test
    void refusesAnUnregisteredPayload() {
        record Unregistered(java.util.UUID userId, java.time.Instant occurredAt) implements MindFlowEvent {
        }

        assertThatIllegalArgumentException().isThrownBy(() -> EventTypes.of(Unregistered.class))
                .withMessageContaining("Not a registered event");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, MindFlowEvent.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
