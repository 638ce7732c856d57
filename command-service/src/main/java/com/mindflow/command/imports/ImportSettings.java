package com.mindflow.command.imports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of an import. The upload itself is capped by {@code spring.servlet.multipart.max-file-size} (50 MB), which
 * attachments share.
 *
 * @param maxUncompressedSize  all files of an archive together, inflated; declared and actually inflated both count
 * @param maxEntrySize         one file of an archive, inflated (an attachment is at most 50 MB anyway)
 * @param maxCompressionRatio  inflated / compressed size of one file above {@code ratioFloor}: text compresses
 *                             about 3-10 times, a zip bomb thousands of times
 * @param ratioFloor           files smaller than this are not ratio-checked (a tiny file of blanks compresses well
 *                             and harms no one)
 * @param maxArchiveEntries    files in one archive
 * @param maxEntries           journal entries in one file (10 years of daily writing with room to spare)
 * @param batchSize            entries written per transaction
 * @param retryAfterSeconds    what a second import while one runs is told to wait
 * @param abandonedAfter       an import that has not progressed this long lost its worker (the service stopped):
 *                             the user's next import marks it failed instead of waiting for it (a batch takes
 *                             seconds; an entry's attachments are a few S3 uploads)
 */
@ConfigurationProperties("mindflow.imports")
public record ImportSettings(@DefaultValue("1GB") DataSize maxUncompressedSize,
        @DefaultValue("60MB") DataSize maxEntrySize,
        @DefaultValue("100") int maxCompressionRatio,
        @DefaultValue("1MB") DataSize ratioFloor,
        @DefaultValue("50000") int maxArchiveEntries,
        @DefaultValue("20000") int maxEntries,
        @DefaultValue("100") int batchSize,
        @DefaultValue("30") int retryAfterSeconds,
        @DefaultValue("15m") Duration abandonedAfter) {
}
