package com.mindflow.command.journal.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.EntryAlreadyWritten;
import com.mindflow.command.journal.Journal;
import com.mindflow.command.journal.JournalEntry;
import com.mindflow.support.problem.Problems;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.Valid;

/** Journal writes. Reads of the same URLs are served by query-service; the gateway routes by method. */
@RestController
@RequestMapping("/api/journals")
class JournalEntryController {

    private final Journal journal;
    private final Clock clock;

    JournalEntryController(Journal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<JournalEntryResponse> create(@CurrentUser AuthenticatedUser user,
            @Valid @RequestBody JournalEntryRequest request) {
        JournalEntry entry = journal.write(new AuthorId(user.userId().value()),
                request.toDraft(LocalDate.now(clock)));
        return ResponseEntity.created(URI.create("/api/journals/" + entry.id()))
                .eTag(Integer.toString(entry.version()))
                .body(JournalEntryResponse.of(entry));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> alreadyWritten(EntryAlreadyWritten e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "entry-already-exists", e.getMessage());
        problem.setProperty("existingEntryId", e.existing().value());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .location(URI.create("/api/journals/" + e.existing()))
                .body(problem);
    }
}
