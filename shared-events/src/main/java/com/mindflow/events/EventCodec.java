package com.mindflow.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads {@link EventEnvelope}s as JSON, the one wire format of MindFlow's events.
 *
 * <p>Dates are ISO-8601 strings ({@code 2025-10-25}, {@code 2025-10-25T20:30:00Z}), ids plain UUID strings, enums
 * their lower-case wire names, absent values explicit {@code null}s. Reading ignores fields it does not know, so a
 * producer may add fields before its consumers are upgraded. The payload's record is chosen by the envelope's
 * {@code eventType} and {@code eventVersion} via {@link EventTypes}, never by a class name in the JSON.
 *
 * <p>Thread-safe; one instance per application is enough. Malformed JSON fails with Jackson's (unchecked)
 * {@link tools.jackson.core.JacksonException}.
 */
public final class EventCodec {

    private final JsonMapper mapper;

    public EventCodec() {
        this.mapper = JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Declaration order reads like the record; consumers must not depend on it either way.
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }

    public String write(EventEnvelope<?> envelope) {
        return mapper.writeValueAsString(envelope);
    }

    /**
     * Reads any registered event.
     *
     * @throws UnknownEventTypeException when this build does not know the envelope's type and version
     */
    public EventEnvelope<?> read(String json) {
        JsonNode tree = mapper.readTree(json);
        String name = tree.path("eventType").asString(null);
        int version = tree.path("eventVersion").asInt(0);
        EventType type = EventTypes.find(name, version)
                .orElseThrow(() -> new UnknownEventTypeException(name, version));
        JavaType envelopeType = mapper.getTypeFactory()
                .constructParametricType(EventEnvelope.class, type.payloadType());
        return mapper.treeToValue(tree, envelopeType);
    }

    /**
     * Reads an event the caller expects to be of one payload type, e.g. in a listener that handles only that type.
     *
     * @throws IllegalArgumentException  when the envelope holds another type
     * @throws UnknownEventTypeException when this build does not know the envelope's type and version
     */
    @SuppressWarnings("unchecked")
    public <P extends MindFlowEvent> EventEnvelope<P> read(String json, Class<P> payloadType) {
        EventEnvelope<?> envelope = read(json);
        if (!payloadType.isInstance(envelope.payload())) {
            throw new IllegalArgumentException("Expected " + EventTypes.of(payloadType) + " but read "
                    + envelope.eventType() + " v" + envelope.eventVersion());
        }
        return (EventEnvelope<P>) envelope;
    }
}
