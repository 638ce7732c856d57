package com.mindflow.auth.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an account deletion runs.
 *
 * @param grace          how long a deleted account stays locked, and can be brought back, before it is erased
 * @param cancelLinkTtl  how long the cancel token a locked account's login hands out works
 * @param purgeEvery     how often the purge looks for accounts whose grace period has passed
 * @param purgeBatchSize accounts erased per transaction
 */
@ConfigurationProperties("mindflow.auth.account-deletion")
public record AccountDeletionSettings(
        @DefaultValue("30d") Duration grace,
        @DefaultValue("15m") Duration cancelLinkTtl,
        @DefaultValue("1m") Duration purgeEvery,
        @DefaultValue("20") int purgeBatchSize) {
}
