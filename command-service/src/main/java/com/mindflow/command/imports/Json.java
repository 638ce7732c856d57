package com.mindflow.command.imports;

import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a JSON file of an archive; a file that is not JSON is a problem naming that file, never a 500. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static JsonNode read(Path file, String name) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw ImportRefused.malformed(name + ": must hold a JSON object");
            }
            return root;
        }
        catch (JacksonException e) {
            throw ImportRefused.malformed(name + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
