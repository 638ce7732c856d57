package com.mindflow.ai.insight.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxOpenCustom  custom insights one user may wait for at once
 * @param lease          how long a claim holds before another instance takes the insight over
 * @param maxAttempts    attempts before an insight is given up as failed
 * @param retryAfter     what a refused request is told to wait
 */
@ConfigurationProperties("mindflow.insights")
public record InsightSettings(@DefaultValue("5") int maxOpenCustom, @DefaultValue("2m") Duration lease,
        @DefaultValue("5") int maxAttempts, @DefaultValue("30s") Duration retryAfter) {
}
