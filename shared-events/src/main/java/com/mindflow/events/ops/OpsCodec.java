package com.mindflow.events.ops;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the operational records as JSON: ISO-8601 instants, plain UUID strings, explicit {@code null}s,
 * unknown fields ignored on reading (a producer may add a field before its consumers know it). Thread-safe.
 */
public final class OpsCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    public String write(ApiRequestRecord record) {
        return mapper.writeValueAsString(record);
    }

    public String write(ApplicationLogRecord record) {
        return mapper.writeValueAsString(record);
    }

    public ApiRequestRecord readApiRequest(String json) {
        return mapper.readValue(json, ApiRequestRecord.class);
    }

    public ApplicationLogRecord readApplicationLog(String json) {
        return mapper.readValue(json, ApplicationLogRecord.class);
    }
}
