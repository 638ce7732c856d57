package com.mindflow.query.live;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param connectionSetTtl how long {@code ws:user:{userId}} outlives its last refresh: connections of a crashed
 *                         instance never get their SREM, so the set must expire on its own
 * @param refreshInterval  how often an instance re-arms that expiry for the users connected to it
 * @param allowedOrigins   browser origins allowed to open /ws
 */
@ConfigurationProperties("mindflow.live")
record LiveSettings(@DefaultValue("15m") Duration connectionSetTtl, @DefaultValue("5m") Duration refreshInterval,
        @DefaultValue("*") List<String> allowedOrigins) {
}
