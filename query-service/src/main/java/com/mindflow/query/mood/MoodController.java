package com.mindflow.query.mood;

import java.time.YearMonth;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.query.web.InvalidParameter;
import com.mindflow.support.readside.ReadCacheKeys;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's mood calendar and trend. */
@Tag(name = "Moods", description = "The mood calendar and mood trends.")
@RestController
@RequestMapping("/api/moods")
class MoodController {

    private final MoodReadModels readModels;
    private final MoodTrends trends;

    MoodController(MoodReadModels readModels, MoodTrends trends) {
        this.readModels = readModels;
        this.trends = trends;
    }

    /** The precomputed month when projection has one; computed from the entries otherwise (a new month, a rebuild). */
    @Operation(summary = "Get the mood of each day of a month")
    @ApiResponse(responseCode = "200", description = "The month's days with their moods")
    @GetMapping("/calendar")
    MoodCalendarView calendar(@CurrentUser AuthenticatedUser user,
            @RequestParam @Min(2020) @Max(2100) int year,
            @RequestParam @Min(1) @Max(12) int month) {
        YearMonth yearMonth = YearMonth.of(year, month);
        return readModels.cachedCalendar(user.userId().value(), yearMonth)
                .orElseGet(() -> readModels.computedCalendar(user.userId().value(), yearMonth));
    }

    @Operation(summary = "Get the mood trend over the last 7, 30 or 90 days")
    @ApiResponse(responseCode = "200", description = "The trend",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MoodTrendView.class)))
    @GetMapping("/trend")
    ResponseEntity<?> trend(@CurrentUser AuthenticatedUser user, @RequestParam(defaultValue = "30") int days) {
        if (!ReadCacheKeys.TREND_DAYS.contains(days)) {
            return InvalidParameter.response("days", "must be one of " + ReadCacheKeys.TREND_DAYS);
        }
        return ResponseEntity.ok(trends.trend(user.userId().value(), days));
    }
}
