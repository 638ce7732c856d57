package com.mindflow.query.insight;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a requested insight stands before its row exists: ai-processing-service keeps {@code {userId}|{status}}
 * under {@code ai:insight:{insightId}} for an hour. A Redis failure is not caught: a 404 would tell a polling client
 * the insight is gone, the shared advice's 503 tells it to try again.
 */
@Component
class InsightStates {

    private static final Logger log = LoggerFactory.getLogger(InsightStates.class);
    static final String KEY_PREFIX = "ai:insight:";
    private static final Set<String> OPEN = Set.of("pending", "processing", "failed");

    private final StringRedisTemplate redis;

    InsightStates(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Empty when nothing is known, or when the insight is someone else's: the caller cannot tell the two apart. */
    Optional<InsightStatus> of(UUID userId, UUID insightId) {
        String value = redis.opsForValue().get(KEY_PREFIX + insightId);
        if (value == null) {
            return Optional.empty();
        }
        int bar = value.indexOf('|');
        if (bar < 0) {
            log.warn("Unreadable state of insight {}", insightId);
            return Optional.empty();
        }
        if (!value.substring(0, bar).equalsIgnoreCase(userId.toString())) {
            return Optional.empty();
        }
        String status = value.substring(bar + 1);
        if (OPEN.contains(status)) {
            return Optional.of(new InsightStatus(insightId, status));
        }
        // "completed" while the row has not reached the analytics database yet: keep the client polling.
        if (InsightView.COMPLETED.equals(status)) {
            return Optional.of(new InsightStatus(insightId, "processing"));
        }
        return Optional.empty();
    }
}
