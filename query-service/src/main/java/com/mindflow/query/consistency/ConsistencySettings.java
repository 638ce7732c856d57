package com.mindflow.query.consistency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxWait      the longest a read waits for the projection before it serves what it has, marked stale
 * @param pollInterval how often the store is re-checked when no change notice arrives (notices can be missed:
 *                     pub/sub is fire-and-forget, and search catches up after the read model)
 */
@ConfigurationProperties("mindflow.consistency")
record ConsistencySettings(@DefaultValue("2s") Duration maxWait, @DefaultValue("100ms") Duration pollInterval) {
}
