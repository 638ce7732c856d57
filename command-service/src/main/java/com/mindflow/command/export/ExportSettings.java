package com.mindflow.command.export;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param retention   how long an archive and its row are kept (after completion; after the request if it never
 *                    completed)
 * @param staleAfter  a running export whose worker has not beaten its heartbeat for this long is claimed again
 * @param heartbeat   how often a worker beats (well under {@code staleAfter})
 * @param maxAttempts claims of one export before it is given up as failed (a journal that crashes every worker
 *                    must not be retried forever)
 * @param pageSize    entries read per query; the heap holds one page at a time, never the journal
 * @param partSize    bytes per S3 multipart part, the one buffer an upload holds (S3's minimum is 5 MB)
 * @param retryAfter  what a second POST while one is in progress is told to wait
 */
@ConfigurationProperties("mindflow.export")
public record ExportSettings(@DefaultValue("7d") Duration retention, @DefaultValue("2m") Duration staleAfter,
        @DefaultValue("10s") Duration heartbeat, @DefaultValue("3") int maxAttempts,
        @DefaultValue("100") int pageSize, @DefaultValue("8MB") DataSize partSize,
        @DefaultValue("30s") Duration retryAfter) {
}
