package com.mindflow.projection.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mindflow.search.*}: the shards and replicas of the physical indices (journal entries and their chunks). The seed says 3 and 1; a replica can never be
 * assigned on a single node (the index would stay yellow), so replicas default to 0 and production sets 1.
 */
@ConfigurationProperties("mindflow.search")
public record SearchIndexSettings(Integer shards, Integer replicas) {

    public SearchIndexSettings {
        shards = shards == null ? 3 : shards;
        replicas = replicas == null ? 0 : replicas;
    }

    /** A shared index definition with this installation's shards and replicas. */
    public ObjectNode applyTo(JsonMapper json, String definition) {
        ObjectNode body = (ObjectNode) json.readTree(definition);
        ObjectNode indexSettings = (ObjectNode) body.get("settings");
        indexSettings.put("number_of_shards", shards);
        indexSettings.put("number_of_replicas", replicas);
        return body;
    }
}
