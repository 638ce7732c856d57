package com.mindflow.command.imports;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjIntConsumer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON file of an archive a piece at a time; a file that is not JSON is a problem naming that file, never a
 * 500. A whole file as one tree would cost many times its size (a 60 MB file, more than a gigabyte of nodes): only
 * one element of the big array is a tree at any time.
 */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /**
     * Streams the top-level object of {@code file}: hands each element of the array {@code arrayField} to
     * {@code element} (with its index) as it is read, and answers the object's other scalar properties by name
     * (nested objects and arrays besides that one are skipped).
     */
    static Map<String, JsonNode> stream(Path file, String name, String arrayField, ObjIntConsumer<JsonNode> element) {
        try (JsonParser parser = MAPPER.createParser(file)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ImportRefused.malformed(name + ": must hold a JSON object");
            }
            Map<String, JsonNode> scalars = new HashMap<>();
            boolean array = false;
            int index = 0;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String property = parser.currentName();
                JsonToken value = parser.nextToken();
                if (property.equals(arrayField)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw ImportRefused.malformed(name + ": " + arrayField + " must be an array");
                    }
                    array = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        element.accept(parser.readValueAsTree(), index++);
                    }
                }
                else if (value.isScalarValue()) {
                    scalars.put(property, parser.readValueAsTree());
                }
                else {
                    parser.skipChildren();
                }
            }
            if (!array) {
                throw ImportRefused.malformed(name + ": " + arrayField + " must be an array");
            }
            if (parser.nextToken() != null) {
                throw ImportRefused.malformed(name + ": not valid JSON (content after the object)");
            }
            return scalars;
        }
        catch (JacksonException e) {
            throw ImportRefused.malformed(name + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
