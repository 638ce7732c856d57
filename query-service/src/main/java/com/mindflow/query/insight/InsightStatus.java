package com.mindflow.query.insight;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An insight the caller requested that has no result yet.
 *
 * @param status {@code pending}, {@code processing} or {@code failed}
 */
@Schema(description = "An insight the user asked for that is not made yet.")
public record InsightStatus(UUID id,
        @Schema(description = "`pending`, `processing` or `failed`.") String status) {
}
