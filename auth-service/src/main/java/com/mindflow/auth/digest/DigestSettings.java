package com.mindflow.auth.digest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How insight digests go out.
 *
 * @param maxAge an insight generated longer ago, or of a period that ended longer ago, is not mailed: a new consumer
 *               group starts at the topic's beginning, and a regenerated insight of an old period is no news
 */
@ConfigurationProperties("mindflow.auth.digests")
public record DigestSettings(@DefaultValue("7d") Duration maxAge) {
}
