package com.mindflow.query.stats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's own stats and audit trail. Everything else under /api/me belongs to auth-service. */
@Tag(name = "Statistics", description = "The signed-in user's writing statistics and activity.")
@RestController
class MeController {

    private final ProfileStats stats;
    private final AuditTrail audit;

    MeController(ProfileStats stats, AuditTrail audit) {
        this.stats = stats;
        this.audit = audit;
    }

    @Operation(summary = "Get the signed-in user's writing statistics: streaks, counts and words")
    @ApiResponse(responseCode = "200", description = "The statistics")
    @GetMapping("/api/me/stats")
    WritingStats stats(@CurrentUser AuthenticatedUser user) {
        return stats.of(user.userId().value());
    }

    @Operation(summary = "List the signed-in user's account activity (sign-ins, changes), newest first")
    @ApiResponse(responseCode = "200", description = "A page of activity")
    @GetMapping("/api/me/activity")
    ActivityPage activity(@CurrentUser AuthenticatedUser user,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return audit.page(user.userId().value(), page, size);
    }
}
