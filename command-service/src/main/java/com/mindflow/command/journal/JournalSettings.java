package com.mindflow.command.journal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention       how long a deleted entry can be restored; the purge job removes it for good afterwards
 * @param purgeBatchSize  entries hard-deleted per transaction, small so a purge never holds many locks for long
 * @param purgeEvery      pause between purge runs
 */
@ConfigurationProperties("mindflow.journal")
public record JournalSettings(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("100") int purgeBatchSize,
        @DefaultValue("1h") Duration purgeEvery) {
}
