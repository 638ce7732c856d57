package com.mindflow.query.journal;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Reads of the user's journal. Writes to the same URLs go to command-service (the gateway routes by method). */
@RestController
@RequestMapping("/api/journals")
@Validated
class JournalEntryReadController {

    private final JournalEntries entries;

    JournalEntryReadController(JournalEntries entries) {
        this.entries = entries;
    }

    @GetMapping
    JournalEntryPage list(@CurrentUser AuthenticatedUser user,
            @RequestParam(required = false) @Pattern(regexp = "ecstatic|happy|neutral|sad|anxious|angry") String mood,
            @RequestParam(required = false) @Size(min = 1, max = 50) String tag,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate before,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return entries.list(user.userId().value(),
                new JournalEntryFilter(mood, tag == null ? null : tag.strip().toLowerCase(Locale.ROOT),
                        from, to, before, limit));
    }

    @GetMapping("/{id}")
    ResponseEntity<JournalEntryView> one(@CurrentUser AuthenticatedUser user, @PathVariable UUID id) {
        // Someone else's entry is indistinguishable from a missing one: 404 either way.
        JournalEntryView entry = entries.find(user.userId().value(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such journal entry"));
        return ResponseEntity.ok().eTag(Long.toString(entry.version())).body(entry);
    }
}
