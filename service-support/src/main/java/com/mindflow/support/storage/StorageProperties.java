package com.mindflow.support.storage;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where attachments live: an S3-compatible server ({@code mindflow.s3.*}). Path-style access is the default because
 * the local S3 server (s3proxy) and most self-hosted ones do not serve virtual-host buckets.
 *
 * @param endpoint         the S3 API base URL; {@code null} means AWS itself (region endpoint)
 * @param presignTtl       how long a handed-out download URL stays valid
 */
@ConfigurationProperties("mindflow.s3")
public record StorageProperties(URI endpoint, @DefaultValue("us-east-1") String region, String accessKey,
        String secretKey, @DefaultValue("mindflow-attachments") String bucket,
        @DefaultValue("true") boolean pathStyleAccess, @DefaultValue("15m") Duration presignTtl) {
}
