package com.mindflow.command.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** The big array one element at a time, the scalars beside it by name, and every broken file a clear refusal. */
class JsonStreamTest {

    @TempDir
    Path dir;

    @Test
    void handsOverEachElementInOrderAndKeepsOnlyTheTopLevelScalars() throws IOException {
        List<String> seen = new ArrayList<>();
        Map<String, JsonNode> scalars = Json.stream(file("""
                {"profile": {"email": "a@b"}, "entries": [{"id": "x"}, 7, {"id": "y"}],
                 "format": "mindflow-export", "formatVersion": 1, "insights": [1, 2]}"""), "entries.json", "entries",
                (element, index) -> seen.add(index + ":" + element));

        assertThat(seen).containsExactly("0:{\"id\":\"x\"}", "1:7", "2:{\"id\":\"y\"}");
        assertThat(scalars).containsOnlyKeys("format", "formatVersion");
        assertThat(scalars.get("formatVersion").asInt()).isEqualTo(1);
    }

    @Test
    void aFileThatIsNotTheExpectedJsonIsMalformedNamingTheFile() throws IOException {
        for (String text : List.of("[]", "{\"entries\": {}}", "{\"other\": []}", "{\"entries\": [1, 2",
                "{\"entries\": []} {}", "not json", "")) {
            Path file = file(text);
            assertThatThrownBy(() -> Json.stream(file, "Journal.json", "entries", (element, index) -> { }))
                    .as(text).isInstanceOf(ImportRefused.class)
                    .hasMessageContaining("Journal.json")
                    .extracting(e -> ((ImportRefused) e).reason()).isEqualTo(ImportRefused.Reason.MALFORMED);
        }
    }

    private Path file(String text) throws IOException {
        Path file = Files.createTempFile(dir, "json-", ".json");
        Files.writeString(file, text);
        return file;
    }
}
