package com.mindflow.events.replay;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes and reads {@link ReplayMessage}s as JSON, with the same conventions as the event envelopes. Thread-safe. */
public final class ReplayCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String write(ReplayMessage message) {
        return mapper.writerFor(ReplayMessage.class).writeValueAsString(message);
    }

    /** @throws tools.jackson.core.JacksonException when the JSON is not a known replay message */
    public ReplayMessage read(String json) {
        return mapper.readValue(json, ReplayMessage.class);
    }
}
