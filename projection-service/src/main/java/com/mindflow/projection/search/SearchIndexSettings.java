package com.mindflow.projection.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mindflow.search.*}: the physical index's shards and replicas. The seed says 3 and 1; a replica can never be
 * assigned on a single node (the index would stay yellow), so replicas default to 0 and production sets 1.
 */
@ConfigurationProperties("mindflow.search")
record SearchIndexSettings(Integer shards, Integer replicas) {

    SearchIndexSettings {
        shards = shards == null ? 3 : shards;
        replicas = replicas == null ? 0 : replicas;
    }
}
