package com.mindflow.command.attachment.image;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much decoding thumbnails may cost.
 *
 * @param decodeMemory       heap all decodes in flight may reserve together; {@code 0} means a quarter of the
 *                           maximum heap, so the same setting fits a 224 MB laptop service and a 1 GB pod
 * @param concurrentDecodes  decodes that may run at once, whatever their size
 * @param waitForMemory      how long an upload waits for its reservation before it is stored without a thumbnail
 * @param bombMinPixels      images this large or larger are checked for a suspicious compression ratio (16 MP:
 *                           below it a flat drawing may legitimately compress very well)
 * @param bombPixelsPerByte  more pixels per file byte than this is no photo (a 16 MP JPEG is 2-10 px/byte) but a
 *                           decompression bomb (deflate alone reaches 340 RGB px/byte, lossless WebP 25,000)
 */
@ConfigurationProperties("mindflow.attachments.thumbnails")
public record ThumbnailSettings(
        @DefaultValue("0") DataSize decodeMemory,
        @DefaultValue("2") int concurrentDecodes,
        @DefaultValue("10s") Duration waitForMemory,
        @DefaultValue("16000000") long bombMinPixels,
        @DefaultValue("100") long bombPixelsPerByte) {

    public static ThumbnailSettings defaults() {
        return new ThumbnailSettings(DataSize.ofBytes(0), 2, Duration.ofSeconds(10), 16_000_000L, 100L);
    }

    /** The reservation limit in bytes, resolved against this JVM's heap. */
    long decodeMemoryBytes() {
        return decodeMemory.toBytes() > 0 ? decodeMemory.toBytes() : Runtime.getRuntime().maxMemory() / 4;
    }
}
