package com.mindflow.support.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import software.amazon.awssdk.services.s3.S3Client;

/** The attachment bucket exists and our credentials reach it. */
public class S3HealthIndicator extends AbstractHealthIndicator {

    private final S3Client client;
    private final String bucket;

    public S3HealthIndicator(S3Client client, String bucket) {
        super("S3 health check failed");
        this.client = client;
        this.bucket = bucket;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        client.headBucket(request -> request.bucket(bucket));
        builder.up().withDetail("bucket", bucket);
    }
}
