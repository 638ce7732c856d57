package com.mindflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract tests: every registered event has a golden JSON file under
 * {@code src/test/resources/golden/<topic>/<EventType>.v<N>.json} that pins its shape on the wire. A change that
 * would break a consumer changes the JSON, and fails here until the golden file is changed in the same commit.
 *
 * <p>To write the files for a new event type (or a deliberate new shape), run once with
 * {@code -Dgolden.write=true}, then read the diff.
 */
class GoldenEventsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|hash|token|secret).*");

    private final EventCodec codec = new EventCodec();
    private final JsonMapper plain = JsonMapper.builder().build();

    static Stream<EventType> registered() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void writesTheGoldenJson(EventType type) throws IOException {
        String written = codec.write(EventSamples.sample(type));
        Path golden = goldenFile(type);
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, plain.writerWithDefaultPrettyPrinter().writeValueAsString(
                    plain.readTree(written)) + "\n");
        }
        if (!Files.exists(golden)) {
            fail("No golden file " + golden + " for " + type + "; it would be:\n" + written);
        }
        assertThat(plain.readTree(written))
                .as("%s as written now, against %s", type, golden)
                .isEqualTo(plain.readTree(Files.readString(golden)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void readsTheGoldenJsonBack(EventType type) throws IOException {
        EventEnvelope<?> read = codec.read(Files.readString(goldenFile(type)));

        assertThat(read).isEqualTo(EventSamples.sample(type));
        assertThat(read.payload()).isInstanceOf(type.payloadType());
    }

    @Test
    void everyGoldenFileBelongsToARegisteredEventType() throws IOException {
        Set<Path> expected = new TreeSet<>();
        EventTypes.all().forEach(type -> expected.add(goldenFile(type)));
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            assertThat(files.filter(Files::isRegularFile)).allMatch(expected::contains,
                    "is the golden file of a registered event type");
        }
    }

    @Test
    void noPayloadFieldLooksLikeASecret() {
        List<String> fields = new ArrayList<>();
        EventTypes.all().forEach(type -> collectFieldNames(type.payloadType(), type.name(), fields));

        assertThat(fields).isNotEmpty().noneMatch(field -> SECRET.matcher(field.substring(field.lastIndexOf('.') + 1))
                .matches());
    }

    @Test
    void noGoldenJsonFieldLooksLikeASecret() {
        List<String> fields = new ArrayList<>();
        EventTypes.all().forEach(type -> collectFieldNames(readGolden(type), type.name(), fields));

        assertThat(fields).isNotEmpty().noneMatch(field -> SECRET.matcher(field.substring(field.lastIndexOf('.') + 1))
                .matches());
    }

    static Path goldenFile(EventType type) {
        return GOLDEN.resolve(type.topic()).resolve(type.name() + ".v" + type.version() + ".json");
    }

    private JsonNode readGolden(EventType type) {
        try {
            return plain.readTree(Files.readString(goldenFile(type)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of a record's components, and of the records nested in it or in its lists, as dotted paths. */
    private static void collectFieldNames(Class<?> type, String path, List<String> into) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = path + "." + component.getName();
            into.add(name);
            collectFieldNames(component.getType(), name, into);
            Type generic = component.getGenericType();
            if (generic instanceof ParameterizedType parameterized) {
                for (Type argument : parameterized.getActualTypeArguments()) {
                    if (argument instanceof Class<?> element) {
                        collectFieldNames(element, name, into);
                    }
                }
            }
        }
    }

    private static void collectFieldNames(JsonNode node, String path, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                into.add(path + "." + field.getKey());
                collectFieldNames(field.getValue(), path + "." + field.getKey(), into);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectFieldNames(element, path, into));
        }
    }
}
