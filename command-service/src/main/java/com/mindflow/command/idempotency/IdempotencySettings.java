package com.mindflow.command.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl           how long a key's response is kept for replay
 * @param inFlightWait  how long a retry waits for the first attempt, still running, to finish before answering 409
 * @param abandonAfter  an attempt still unfinished after this long is taken as dead (its instance crashed); the next
 *                      retry takes the key over
 * @param purgeEvery    pause between purges of expired keys
 */
@ConfigurationProperties("mindflow.idempotency")
public record IdempotencySettings(
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("5s") Duration inFlightWait,
        @DefaultValue("60s") Duration abandonAfter,
        @DefaultValue("10m") Duration purgeEvery) {
}
