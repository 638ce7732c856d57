package com.mindflow.command.export;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.command.attachment.storage.AttachmentObjects;
import com.mindflow.command.attachment.storage.AttachmentObjects.PresignedUrl;
import com.mindflow.support.problem.Problems;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Starting a data export and following it to its download. */
@Tag(name = "Data export", description = "The GDPR export of all of a user's data.")
@RestController
class DataExportController {

    static final String PATH = "/api/me/export";

    private final DataExportRequests requests;
    private final DataExports exports;
    private final AttachmentObjects objects;
    private final ExportSettings settings;

    DataExportController(DataExportRequests requests, DataExports exports, AttachmentObjects objects,
            ExportSettings settings) {
        this.requests = requests;
        this.exports = exports;
        this.objects = objects;
        this.settings = settings;
    }

    @Operation(summary = "Start an export of all the signed-in user's data; poll the Location for progress")
    @ApiResponse(responseCode = "202", description = "Started; Location is the export's status")
    @ApiResponse(responseCode = "429", description = "An export is already running (code export-in-progress; Retry-After)")
    @PostMapping(PATH)
    ResponseEntity<ExportView> start(@CurrentUser AuthenticatedUser user) {
        // The token this request was authenticated with, as validated (not a header a client could vary).
        Jwt token = (Jwt) SecurityContextHolder.getContext().getAuthentication().getCredentials();
        DataExport export = requests.request(user.userId().value(), "Bearer " + token.getTokenValue());
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + export.id())).body(view(export));
    }

    @Operation(summary = "Get an export's progress and, when done, its download link")
    @ApiResponse(responseCode = "200", description = "The export's status",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExportView.class)))
    @GetMapping(PATH + "/{id}")
    ResponseEntity<?> status(@CurrentUser AuthenticatedUser user, @PathVariable UUID id) {
        return exports.find(new DataExportId(id), user.userId().value())
                .<ResponseEntity<?>>map(export -> ResponseEntity.ok()
                        // The body holds a fresh download URL: no cache may keep it.
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(view(export)))
                .orElseGet(() -> problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "No such export"), null));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> inProgress(ExportInProgress e) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "export-in-progress", e.getMessage());
        if (e.running() != null) {
            problem.setProperty("export", PATH + "/" + e.running());
        }
        return problem(problem, e);
    }

    private ResponseEntity<ProblemDetail> problem(ProblemDetail problem, ExportInProgress retry) {
        var response = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retry != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(settings.retryAfter().toSeconds()));
        }
        return response.body(problem);
    }

    private ExportView view(DataExport export) {
        PresignedUrl download = export.status() == ExportStatus.COMPLETED && export.s3Key() != null
                ? objects.presignDownload(export.s3Key()) : null;
        return new ExportView(export.id().value(), export.status().wire(), export.percent(), export.entriesDone(),
                export.entriesTotal(), export.requestedAt(), export.completedAt(), export.sizeBytes(),
                download == null ? null : download.url(), download == null ? null : download.expiresAt(),
                export.status() == ExportStatus.COMPLETED ? export.removeAfter() : null, export.failure());
    }

    /**
     * @param downloadUrl    a presigned GET of the archive, new on every read, valid until {@code expiresAt}
     * @param availableUntil when the archive is deleted (retention)
     */
    @Schema(description = "An export of all the user's data (GDPR portability): its progress and, once completed, "
            + "the archive's download link.")
    record ExportView(UUID id,
            @Schema(description = "Where the export is: `queued`, `running`, `completed` or `failed`.")
            String status,
            @Schema(description = "Progress, 0-100.") int percent,
            @Schema(description = "Journal entries written to the archive so far.") int entriesDone,
            @Schema(description = "Journal entries to export; null until counted.") Integer entriesTotal,
            Instant requestedAt, Instant completedAt,
            @Schema(description = "The archive's size in bytes; null until completed.") Long sizeBytes,
            @Schema(description = "A presigned GET of the archive, new on every read, valid until `expiresAt`; null "
                    + "until completed.") URI downloadUrl,
            @Schema(description = "When `downloadUrl` expires.") Instant expiresAt,
            @Schema(description = "When the archive is deleted (retention).") Instant availableUntil,
            @Schema(description = "Why the export failed; null unless `status` is `failed`.") String failure) {
    }
}
