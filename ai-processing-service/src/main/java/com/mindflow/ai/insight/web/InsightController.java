package com.mindflow.ai.insight.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.ai.insight.application.InsightSettings;
import com.mindflow.ai.insight.application.Insights;
import com.mindflow.ai.insight.application.TooManyOpenInsights;
import com.mindflow.ai.insight.domain.InsightPeriod;
import com.mindflow.support.problem.FieldProblem;
import com.mindflow.support.problem.Problems;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The write side of insights: asking for a custom one, forgetting one, and saying a theme is wrong. */
@Tag(name = "Insights", description = "Weekly, monthly and custom insights over the journal.")
@RestController
class InsightController {

    static final String PATH = "/api/insights";

    private final Insights insights;
    private final InsightSettings settings;

    InsightController(Insights insights, InsightSettings settings) {
        this.insights = insights;
        this.settings = settings;
    }

    /** A period of the user's choosing, both days inclusive. */
    @Schema(description = "A period of the user's choosing to make an insight over: at most a year, both days "
            + "inclusive, not ending in the future.")
    record CustomInsightRequest(
            @Schema(description = "The period's first day (ISO-8601 date).") @NotNull LocalDate startDate,
            @Schema(description = "The period's last day (ISO-8601 date); not before `startDate`.") @NotNull
            LocalDate endDate) {
    }

    /** The theme, by name, that does not fit the user's journal. */
    @Schema(description = "A theme of an insight the user says does not fit their journal.")
    record ThemeRejection(@Schema(description = "The theme's name, as the insight gives it.") @NotBlank @Size(max = 100)
            String theme) {
    }

    @Schema(description = "A custom insight that was asked for: it is made in the background.")
    record InsightRequested(@Schema(description = "The insight's id; GET /api/insights/{id} answers it once made.")
            UUID id,
            @Schema(description = "Always `pending` here.") String status) {
    }

    @Operation(summary = "Ask for an insight over a period you choose (at most a year); poll the Location for it")
    @ApiResponse(responseCode = "202", description = "Accepted; the Location is the insight, pending until made")
    @ApiResponse(responseCode = "400", description = "A date is missing, the end is before the start, the period is "
            + "longer than a year or ends in the future (problem+json naming the field)")
    @ApiResponse(responseCode = "429", description = "Five custom insights are already pending (Retry-After)")
    @PostMapping(PATH)
    ResponseEntity<InsightRequested> request(@CurrentUser AuthenticatedUser user,
            @Valid @RequestBody CustomInsightRequest request) {
        if (request.endDate().isBefore(request.startDate())) {
            throw new InvalidPeriod("endDate", "must not be before startDate");
        }
        if (new InsightPeriod(com.mindflow.events.ai.InsightType.CUSTOM, request.startDate(), request.endDate())
                .days() > InsightPeriod.MAX_CUSTOM_DAYS) {
            throw new InvalidPeriod("endDate", "must be at most a year after startDate");
        }
        // Tomorrow in UTC is today somewhere: the latest day any user can have written on.
        if (request.endDate().isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            throw new InvalidPeriod("endDate", "must not be in the future");
        }
        UUID id = insights.request(user.userId().value(), request.startDate(), request.endDate());
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + id))
                .body(new InsightRequested(id, "pending"));
    }

    @Operation(summary = "Forget an insight: it is removed and not made again")
    @ApiResponse(responseCode = "204", description = "Forgotten")
    @ApiResponse(responseCode = "404", description = "No such insight of yours")
    @DeleteMapping(PATH + "/{id}")
    ResponseEntity<Void> forget(@CurrentUser AuthenticatedUser user, @PathVariable UUID id) {
        if (!insights.forget(user.userId().value(), id)) {
            throw new NoSuchInsight();
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Mark a theme as wrong: it is never offered again, and the insight is made again without it")
    @ApiResponse(responseCode = "202", description = "Accepted; the Location is the insight, made again shortly")
    @ApiResponse(responseCode = "400", description = "No theme, or one over 100 characters (problem+json)")
    @ApiResponse(responseCode = "404", description = "No such insight of yours")
    @PostMapping(PATH + "/{id}/feedback")
    ResponseEntity<Void> rejectTheme(@CurrentUser AuthenticatedUser user, @PathVariable UUID id,
            @Valid @RequestBody ThemeRejection rejection) {
        if (!insights.rejectTheme(user.userId().value(), id, rejection.theme())) {
            throw new NoSuchInsight();
        }
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + id)).build();
    }

    static final class InvalidPeriod extends RuntimeException {

        private final String field;

        InvalidPeriod(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    static final class NoSuchInsight extends RuntimeException {
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidPeriod e) {
        return problem(Problems.withErrors(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field(s): " + e.field,
                List.of(new FieldProblem(e.field, e.getMessage()))), null);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NoSuchInsight e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "No such insight"), null);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooMany(TooManyOpenInsights e) {
        return problem(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-pending-insights", e.getMessage()),
                Long.toString(settings.retryAfter().toSeconds()));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, String retryAfter) {
        var response = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.body(problem);
    }
}
