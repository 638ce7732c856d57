package com.mindflow.system.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes requests for one route of an OpenAPI document: mostly values its schema allows, mutated often enough to
 * reach every refusal — wrong types, out-of-range and huge numbers, empty, huge and unicode-edge strings, impossible
 * dates, missing required and unexpected extra fields, broken or oversized JSON, bytes that are not UTF-8.
 */
final class Generator {

    record Request(String pathAndQuery, String contentType, byte[] body, boolean signedIn) {

        String describeBody() {
            if (body == null) {
                return "(no body)";
            }
            String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return "[" + contentType + "] " + text + (body.length > 200 ? "… (" + body.length + " bytes)" : "");
        }
    }

    private static final JsonMapper JSON = new JsonMapper();

    /** Strings that have broken parsers, databases, search engines and log lines before. */
    private static final List<String> EDGE_STRINGS = List.of("", " ", "a", "null", "undefined", "0", "-1",
            "\u0000", "a\u0000b", "\uFEFF", "\u202Eevil", "e\u0301", "😀", "𝕳𝖊𝖑𝖑𝖔", "🏳️‍🌈", "\r\n\r\n", "\t",
            "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE users; --", "%00", "%s%s%s", "${jndi:x}",
            "../../etc/passwd", "{{7*7}}", "*", "?", "\\", "/", "\"", "[", "{", "NaN", "Infinity", "1e309",
            "9999999999999999999999", "2024-02-30", "1899-12-31", "9999-12-31", "+100000-01-01", "HAPPY", "happy",
            "Europe/Lisbon", "Mars/Olympus", "x".repeat(256), "ü".repeat(5_000), "x".repeat(70_000));

    private static final List<Object> WRONG_TYPES = List.of(0, -1, 1.5, true, "text", List.of(), Map.of(),
            Long.MAX_VALUE, 1e308, List.of(1, "two", Map.of()));

    private final Random random;
    private final String ownEntryId;

    Generator(Random random, String ownEntryId) {
        this.random = random;
        this.ownEntryId = ownEntryId;
    }

    Random random() {
        return random;
    }

    Request request(OpenApiFuzzIT.Route route) {
        String path = route.path();
        StringBuilder query = new StringBuilder();
        List<Parameter> parameters = route.operation().getParameters() == null ? List.of()
                : route.operation().getParameters();
        for (Parameter parameter : parameters) {
            if ("path".equals(parameter.getIn())) {
                path = path.replace("{" + parameter.getName() + "}", pathValue(parameter.getSchema()));
            }
            else if ("query".equals(parameter.getIn())
                    && chance(Boolean.TRUE.equals(parameter.getRequired()) ? 0.9 : 0.5)) {
                query.append(query.isEmpty() ? "?" : "&").append(OpenApiFuzzIT.encode(parameter.getName()))
                        .append('=').append(OpenApiFuzzIT.encode(text(value(parameter.getSchema(), 0))));
            }
        }
        // Unfilled variables of an undocumented kind: still a request.
        path = path.replaceAll("\\{[^}]*}", ownEntryId);
        if (chance(0.1)) {
            query.append(query.isEmpty() ? "?" : "&").append("unexpected=").append(OpenApiFuzzIT.encode(edge()));
        }
        // Longer request lines are answered 414 before any route (checked in OpenApiFuzzIT); the client would only
        // see its own write fail when the gateway closes after answering.
        if (path.length() + query.length() > 4_000) {
            query.setLength(0);
            path = path.length() > 4_000 ? route.path().replaceAll("\\{[^}]*}", ownEntryId) : path;
        }
        boolean signedIn = !chance(0.05);
        Content content = route.operation().getRequestBody() == null ? null
                : route.operation().getRequestBody().getContent();
        if (content == null || content.isEmpty()) {
            return chance(0.05) ? new Request(path + query, "application/json", json(Map.of("surprise", edge())),
                    signedIn) : new Request(path + query, null, null, signedIn);
        }
        if (content.containsKey("application/json")) {
            return new Request(path + query, "application/json", jsonBody(content.get("application/json")),
                    signedIn);
        }
        // Multipart and anything else: a broken form or the wrong kind of body.
        String boundary = "fuzz" + random.nextInt(1000);
        byte[] body = chance(0.5)
                ? ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + edge()
                        + "\"\r\n\r\n" + edge() + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)
                : json(Map.of("file", edge()));
        String type = chance(0.5) ? "multipart/form-data; boundary=" + boundary : "application/json";
        return new Request(path + query, type, body, signedIn);
    }

    private byte[] jsonBody(MediaType media) {
        double roll = random.nextDouble();
        if (roll < 0.80) {
            return json(value(media.getSchema(), 0));
        }
        if (roll < 0.83) {
            return "{\"title\": \"unterminated".getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 0.86) {
            return new byte[0];
        }
        if (roll < 0.89) {
            return "[".repeat(5_000).concat("]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 0.92) {
            // Not UTF-8 at all: a lone continuation byte and an overlong encoding.
            return new byte[] { '{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0x80, (byte) 0xC0,
                    (byte) 0xAF, '"', '}' };
        }
        if (roll < 0.95) {
            return json(Map.of("title", "x".repeat(3_000_000)));
        }
        return json(WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size())));
    }

    /** A value for the schema: usually of its type, sometimes of another one. */
    private Object value(Schema<?> schema, int depth) {
        if (schema == null || depth > 5) {
            return edge();
        }
        if (chance(0.12)) {
            return chance(0.5) ? WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size())) : null;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty() && chance(0.8)) {
            return schema.getEnum().get(random.nextInt(schema.getEnum().size()));
        }
        String type = typeOf(schema);
        if (type == null) {
            return schema.getProperties() != null ? object(schema, depth) : edge();
        }
        return switch (type) {
            case "string" -> string(schema);
            case "integer" -> integer(schema);
            case "number" -> chance(0.5) ? integer(schema) : random.nextGaussian() * 1e6;
            case "boolean" -> chance(0.9) ? random.nextBoolean() : "yes";
            case "array" -> array(schema, depth);
            case "object" -> object(schema, depth);
            default -> edge();
        };
    }

    private Object string(Schema<?> schema) {
        String format = schema.getFormat();
        if ("date".equals(format) && chance(0.7)) {
            return LocalDate.now().minusDays(random.nextInt(4_000) - 2).toString();
        }
        if ("uuid".equals(format) && chance(0.7)) {
            return chance(0.5) ? ownEntryId : UUID.randomUUID().toString();
        }
        if ("date-time".equals(format) && chance(0.7)) {
            return java.time.Instant.now().minusSeconds(random.nextInt(1_000_000)).toString();
        }
        if ("email".equals(format) && chance(0.5)) {
            return "fuzz-" + UUID.randomUUID() + "@example.com";
        }
        if (chance(0.4)) {
            int max = schema.getMaxLength() == null ? 40 : Math.max(1, Math.min(schema.getMaxLength(), 400));
            String words = "fuzz ".repeat(1 + random.nextInt(max / 5 + 1));
            return words.substring(0, Math.min(words.length(), max));
        }
        return edge();
    }

    private Object integer(Schema<?> schema) {
        double roll = random.nextDouble();
        if (roll < 0.5) {
            long min = schema.getMinimum() == null ? 0 : schema.getMinimum().longValue();
            long max = schema.getMaximum() == null ? min + 100 : schema.getMaximum().longValue();
            return min + (long) (random.nextDouble() * Math.max(1, Math.min(max - min, 1_000_000)));
        }
        List<Object> edges = List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                new java.math.BigInteger("123456789012345678901234567890"), 1.5, 1e20);
        if (schema.getMinimum() != null) {
            return schema.getMinimum().longValue() - 1;
        }
        return edges.get(random.nextInt(edges.size()));
    }

    private Object array(Schema<?> schema, int depth) {
        int size = chance(0.05) ? 1_000 : random.nextInt(4);
        List<Object> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(value(schema.getItems(), depth + 1));
        }
        return items;
    }

    private Object object(Schema<?> schema, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                if (chance(required.contains(name) ? 0.85 : 0.5)) {
                    object.put(name, value(property, depth + 1));
                }
            });
        }
        if (chance(0.15)) {
            object.put("unexpected" + random.nextInt(3), edge());
        }
        return object;
    }

    private String pathValue(Schema<?> schema) {
        double roll = random.nextDouble();
        if (roll < 0.5) {
            return ownEntryId;
        }
        if (roll < 0.7) {
            return UUID.randomUUID().toString();
        }
        if (schema != null && "integer".equals(typeOf(schema)) && roll < 0.8) {
            return Long.toString(random.nextLong());
        }
        return OpenApiFuzzIT.encode(edge());
    }

    private static String typeOf(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            return schema.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
        }
        return null;
    }

    private String edge() {
        return EDGE_STRINGS.get(random.nextInt(EDGE_STRINGS.size()));
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof String s ? s : new String(json(value), StandardCharsets.UTF_8);
    }

    private static byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }
}
