package com.mindflow.query.insight;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.query.web.InvalidParameter;
import com.mindflow.support.problem.Problems;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Reads of the caller's insights. Requesting and deleting one (POST/DELETE on the same URLs) is
 * ai-processing-service's; the gateway routes by method. Not {@code @Validated}, like the journal reads: Spring MVC's
 * method validation then names the bad parameter in a 400.
 */
@Tag(name = "Insights", description = "Weekly, monthly and custom insights over the journal.")
@RestController
@RequestMapping("/api/insights")
class InsightController {

    private final Insights insights;
    private final InsightStates states;

    InsightController(Insights insights, InsightStates states) {
        this.insights = insights;
        this.states = states;
    }

    /** Same page limits as /api/me/activity, and the journal list's size (1..100, 20). */
    @Operation(summary = "List the signed-in user's insights, newest first, optionally by type and period")
    @ApiResponse(responseCode = "200", description = "A page of insights",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = com.mindflow.query.insight.InsightPage.class)))
    @GetMapping
    ResponseEntity<?> list(@CurrentUser AuthenticatedUser user,
            @RequestParam(required = false) @Pattern(regexp = "weekly|monthly|yearly|custom") String type,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (from != null && to != null && from.isAfter(to)) {
            return InvalidParameter.response("to", "must not be before from");
        }
        return ResponseEntity.ok(insights.list(user.userId().value(), new InsightFilter(type, from, to, page, size)));
    }

    /**
     * The generated insight, else the status of one still being made. A generated insight changes only when it is
     * generated again, so its time is the ETag; a status changes under the same URL and must never be cached.
     */
    @Operation(summary = "Get an insight, or the status of one still being made")
    @ApiResponse(responseCode = "200", description = "The insight (or the status of one that failed)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = com.mindflow.query.insight.InsightView.class)))
    @ApiResponse(responseCode = "202", description = "Still being made: its status; poll again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = com.mindflow.query.insight.InsightStatus.class)))
    @GetMapping("/{id}")
    ResponseEntity<?> one(@CurrentUser AuthenticatedUser user, @PathVariable UUID id) {
        UUID userId = user.userId().value();
        var generated = insights.find(userId, id);
        if (generated.isPresent()) {
            return ResponseEntity.ok().eTag(generated.get().generatedAt().toString()).body(generated.get());
        }
        // Someone else's insight is indistinguishable from a missing one: 404 either way. Built with Problems, since
        // the shared advice leaves a bare ResponseStatusException without its code and request id.
        return states.of(userId, id)
                // 202 while it is being made: only a made insight is a 200, which the analytics sink counts as viewed.
                .<ResponseEntity<?>>map(status -> ResponseEntity.status("failed".equals(status.status())
                        ? HttpStatus.OK : HttpStatus.ACCEPTED).cacheControl(CacheControl.noStore()).body(status))
                .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                        Problems.of(HttpStatus.NOT_FOUND, "not-found", "No such insight"), null));
    }
}
