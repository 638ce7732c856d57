package com.mindflow.command.imports;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.mindflow.command.journal.AuthorId;
import com.mindflow.support.problem.FieldProblem;
import com.mindflow.support.problem.Problems;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Journal imports of the signed-in user. The file comes in part {@code file}, as an attachment does, spooled to disk
 * by the container (never in the heap) within the multipart limit.
 */
@Tag(name = "Imports", description = "Importing journal entries from other apps.")
@RestController
@RequestMapping(ImportController.PATH)
class ImportController {

    static final String PATH = "/api/me/imports";
    static final String FILE_PART = "file";
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @Operation(summary = "Start importing journal entries from an uploaded file (multipart, field file)")
    @ApiResponse(responseCode = "202", description = "Started; Location is the import's status")
    @ApiResponse(responseCode = "413", description = "The file is too large")
    @ApiResponse(responseCode = "422", description = "The file is malformed or an unsafe archive")
    @ApiResponse(responseCode = "429", description = "An import is already running; retry after Retry-After seconds")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The upload: part `file`, a journal exported "
            + "by MindFlow, Day One or Daylio (the format is detected unless `format` names it).")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportStatus> start(@CurrentUser AuthenticatedUser user,
            @RequestPart(FILE_PART) MultipartFile file,
            @RequestParam(name = "format", required = false) String format) throws IOException {
        Optional<ImportFormat> requested = ImportFormat.fromParameter(format);
        if (file.isEmpty()) {
            throw ImportRefused.malformed("The file is empty");
        }
        Path copy = Files.createTempFile("import-", ".upload");
        try {
            file.transferTo(copy);
            AuthorId author = author(user);
            ImportId id = imports.start(new ImportService.Importer(author, user.zone(), user.emailVerified()), copy,
                    requested);
            ImportStatus status = imports.status(author, id).orElseThrow();
            return ResponseEntity.accepted().location(URI.create(PATH + "/" + id)).body(status);
        }
        finally {
            ImportService.deleteQuietly(copy);
        }
    }

    @Operation(summary = "Get an import's progress and counts")
    @ApiResponse(responseCode = "200", description = "The import's status",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)))
    @GetMapping("/{id}")
    ResponseEntity<?> status(@CurrentUser AuthenticatedUser user, @PathVariable UUID id) {
        return imports.status(author(user), new ImportId(id))
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(ImportController::notFound);
    }

    /** Per-entry results as JSON, or as CSV with {@code ?format=csv} or {@code Accept: text/csv}; a download. */
    @Operation(summary = "Download an import's per-entry results as JSON, or CSV with format=csv")
    @ApiResponse(responseCode = "200", description = "The per-entry results (JSON or text/csv)",
            content = { @Content(mediaType = "application/json", schema = @Schema(implementation = Results.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string")) })
    @GetMapping("/{id}/results")
    ResponseEntity<?> results(@CurrentUser AuthenticatedUser user, @PathVariable UUID id,
            @RequestParam(name = "format", required = false) String format,
            @org.springframework.web.bind.annotation.RequestHeader(name = HttpHeaders.ACCEPT, required = false)
            String accept) {
        Optional<List<ImportResult>> results = imports.results(author(user), new ImportId(id));
        if (results.isEmpty()) {
            return notFound();
        }
        boolean csv = "csv".equalsIgnoreCase(format) || (accept != null && accept.contains("text/csv"));
        String fileName = "import-" + id + "-results." + (csv ? "csv" : "json");
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        if (csv) {
            return answer.contentType(CSV).body(ResultsCsv.of(results.get()));
        }
        return answer.contentType(MediaType.APPLICATION_JSON).body(new Results(id, results.get()));
    }

    /** The JSON download. */
    @Schema(description = "An import's per-entry results, in file order.")
    record Results(UUID importId, List<ImportResult> results) {
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(ImportRefused e) {
        HttpStatus status = switch (e.reason()) {
            case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case MALFORMED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNSAFE_ARCHIVE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case INVALID_PARAMETER -> HttpStatus.BAD_REQUEST;
        };
        String code = switch (e.reason()) {
            case UNSUPPORTED_TYPE -> "unsupported-import-format";
            case MALFORMED -> "malformed-import-file";
            case UNSAFE_ARCHIVE -> "unsafe-archive";
            case TOO_LARGE -> "import-too-large";
            case INVALID_PARAMETER -> "invalid-field";
        };
        return problem(Problems.withErrors(status, code, e.getMessage(),
                List.of(new FieldProblem(e.field(), e.getMessage()))), null);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> busy(ImportBusy e) {
        return problem(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "import-running", e.getMessage()),
                imports.retryAfterSeconds());
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, Integer retryAfter) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfter));
        }
        return answer.body(problem);
    }

    private static ResponseEntity<?> notFound() {
        // The same answer for "absent" and "someone else's": other users' import ids must not be confirmable.
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "No such import"), null);
    }

    private static AuthorId author(AuthenticatedUser user) {
        return new AuthorId(user.userId().value());
    }
}
