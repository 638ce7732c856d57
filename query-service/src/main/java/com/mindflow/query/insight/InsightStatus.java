package com.mindflow.query.insight;

import java.util.UUID;

/**
 * An insight the caller requested that has no result yet.
 *
 * @param status {@code pending}, {@code processing} or {@code failed}
 */
public record InsightStatus(UUID id, String status) {
}
