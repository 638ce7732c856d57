package com.mindflow.command.journal.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.DateTooEarly;
import com.mindflow.command.journal.DateTooFarAhead;
import com.mindflow.command.journal.EntryAlreadyWritten;
import com.mindflow.command.journal.EntryNotDeleted;
import com.mindflow.command.journal.EntryNotFound;
import com.mindflow.command.journal.Journal;
import com.mindflow.command.journal.JournalEntry;
import com.mindflow.command.journal.JournalEntryId;
import com.mindflow.command.journal.RestoreWindowPassed;
import com.mindflow.command.journal.StaleEntry;
import com.mindflow.support.problem.FieldProblem;
import com.mindflow.support.problem.Problems;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Journal writes. Reads of the same URLs are served by query-service; the gateway routes by method. */
@Tag(name = "Journal writes", description = "Writing, replacing, deleting and restoring journal entries.")
@RestController
@RequestMapping("/api/journals")
class JournalEntryController {

    private final Journal journal;

    JournalEntryController(Journal journal) {
        this.journal = journal;
    }

    @Operation(summary = "Write the journal entry of a day (one entry per day)")
    @ApiResponse(responseCode = "201", description = "Created; Location and ETag of the new entry")
    @ApiResponse(responseCode = "409", description = "The day already has an entry (code entry-already-exists; Location names it)")
    @PostMapping
    ResponseEntity<JournalEntryResponse> create(@CurrentUser AuthenticatedUser user,
            @Valid @RequestBody JournalEntryRequest request) {
        JournalEntry entry = journal.write(author(user), user.zone(), request.toDraft(journal.today(user.zone())));
        return ResponseEntity.created(location(entry.id())).eTag(etag(entry)).body(JournalEntryResponse.of(entry));
    }

    /** Full replacement; If-Match (the ETag of the copy being edited) is required so no edit is silently lost. */
    @Operation(summary = "Replace a journal entry; If-Match with the entry's ETag is required")
    @ApiResponse(responseCode = "200", description = "The replaced entry, with its new ETag",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JournalEntryResponse.class)))
    @ApiResponse(responseCode = "412", description = "If-Match is not the current version: the entry changed meanwhile (code version-mismatch)")
    @ApiResponse(responseCode = "428", description = "If-Match is missing (code if-match-required)")
    @PutMapping("/{id}")
    ResponseEntity<?> replace(@CurrentUser AuthenticatedUser user, @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody JournalEntryRequest request) {
        if (ifMatch == null) {
            return problem(HttpStatus.PRECONDITION_REQUIRED, "if-match-required",
                    "Send If-Match with the entry's ETag (its version) to replace it");
        }
        Integer expected = IfMatch.version(ifMatch);
        if (expected == null) {
            return problem(HttpStatus.PRECONDITION_FAILED, "version-mismatch",
                    "If-Match does not name a version of this entry");
        }
        JournalEntryId entryId = new JournalEntryId(id);
        // Leaving out the date keeps the entry's day: a replace never moves an entry to today by omission.
        LocalDate date = request.date() != null ? request.date() : journal.dateOf(author(user), entryId);
        JournalEntry entry = journal.revise(author(user), user.zone(), entryId, expected, request.toDraft(date));
        return ResponseEntity.ok().eTag(etag(entry)).body(JournalEntryResponse.of(entry));
    }

    /** Soft delete. If-Match is optional; when sent it must be current. */
    @Operation(summary = "Delete a journal entry (it can be restored for a while); If-Match is optional")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "412", description = "If-Match is not the current version (code version-mismatch)")
    @DeleteMapping("/{id}")
    ResponseEntity<?> delete(@CurrentUser AuthenticatedUser user, @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Integer expected = ifMatch == null ? null : IfMatch.version(ifMatch);
        if (ifMatch != null && expected == null) {
            return problem(HttpStatus.PRECONDITION_FAILED, "version-mismatch",
                    "If-Match does not name a version of this entry");
        }
        journal.delete(author(user), user.zone(), new JournalEntryId(id), expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Restore a deleted journal entry within the restore window")
    @ApiResponse(responseCode = "200", description = "The restored entry")
    @ApiResponse(responseCode = "409", description = "The entry is not deleted, or its day has a new entry (code entry-not-deleted)")
    @ApiResponse(responseCode = "410", description = "The restore window has passed (code restore-window-passed)")
    @PostMapping("/{id}/restore")
    ResponseEntity<JournalEntryResponse> restore(@CurrentUser AuthenticatedUser user, @PathVariable UUID id) {
        JournalEntry entry = journal.restore(author(user), user.zone(), new JournalEntryId(id));
        return ResponseEntity.ok().eTag(etag(entry)).body(JournalEntryResponse.of(entry));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> alreadyWritten(EntryAlreadyWritten e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "entry-already-exists", e.getMessage());
        problem.setProperty("existingEntryId", e.existing().value());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .location(location(e.existing()))
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(EntryNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "entry-not-found", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> stale(StaleEntry e) {
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.PRECONDITION_FAILED, "version-mismatch",
                e.getMessage());
        answer.getBody().setProperty("currentVersion", e.currentVersion());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(Integer.toString(e.currentVersion()))
                .body(answer.getBody());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notDeleted(EntryNotDeleted e) {
        return problem(HttpStatus.CONFLICT, "entry-not-deleted", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> windowPassed(RestoreWindowPassed e) {
        return problem(HttpStatus.GONE, "restore-window-passed", e.getMessage());
    }

    @ExceptionHandler({ DateTooFarAhead.class, DateTooEarly.class })
    ResponseEntity<ProblemDetail> dateOutOfRange(RuntimeException e) {
        return ResponseEntity.badRequest().body(Problems.withErrors(HttpStatus.BAD_REQUEST, "invalid-field",
                "Invalid field(s): date", List.of(new FieldProblem("date", e.getMessage()))));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, code, detail));
    }

    private static AuthorId author(AuthenticatedUser user) {
        return new AuthorId(user.userId().value());
    }

    private static URI location(JournalEntryId id) {
        return URI.create("/api/journals/" + id);
    }

    private static String etag(JournalEntry entry) {
        return Integer.toString(entry.version());
    }
}
