package com.mindflow.query.journal;

import java.net.URI;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.mindflow.query.changes.ReadCacheGuard;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.json.JsonMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Reads of the user's journal. Writes to the same URLs go to command-service (the gateway routes by method).
 * Not {@code @Validated}: Spring MVC's own method validation then reports bad parameters by name (400), where the
 * AOP interceptor would throw a ConstraintViolationException (500).
 */
@Tag(name = "Journal", description = "Reading journal entries.")
@RestController
@RequestMapping("/api/journals")
class JournalEntryReadController {

    static final int DEFAULT_LIMIT = 20;

    private final JournalEntries entries;
    private final RecentEntriesCache recent;
    private final AttachmentLinks links;
    private final JsonMapper json;
    private final ReadCacheGuard guard;
    private final EntryAnalyses analyses;

    JournalEntryReadController(JournalEntries entries, RecentEntriesCache recent, AttachmentLinks links,
            JsonMapper json, ReadCacheGuard guard, EntryAnalyses analyses) {
        this.analyses = analyses;
        this.entries = entries;
        this.recent = recent;
        this.links = links;
        this.json = json;
        this.guard = guard;
    }

    @Operation(summary = "List the signed-in user's journal entries, newest first, optionally filtered by mood, tag or dates")
    @ApiResponse(responseCode = "200", description = "A page of entries; nextBefore continues it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = com.mindflow.query.journal.JournalEntryPage.class)))
    @GetMapping
    ResponseEntity<String> list(@CurrentUser AuthenticatedUser user,
            @RequestParam(required = false) @Pattern(regexp = "ecstatic|happy|neutral|sad|anxious|angry") String mood,
            @RequestParam(required = false) @Size(min = 1, max = 50) String tag,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate before,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(100) int limit,
            @RequestHeader(name = "X-Consistency-Version", required = false) String waitedForVersion) {
        UUID userId = user.userId().value();
        boolean recentPage = mood == null && tag == null && from == null && to == null && before == null
                && limit == DEFAULT_LIMIT;
        // A read-your-writes request has just waited for the read model; a cached page may predate that write.
        if (recentPage && waitedForVersion == null) {
            var cached = recent.get(userId);
            if (cached.isPresent()) {
                return jsonBody(cached.get());
            }
        }
        long stamp = guard.stamp();
        String page = json.writeValueAsString(entries.list(userId,
                new JournalEntryFilter(mood, tag == null ? null : tag.strip().toLowerCase(Locale.ROOT),
                        from, to, before, limit)));
        if (recentPage && guard.mayCache(userId, stamp)) {
            recent.put(userId, page);
        }
        return jsonBody(page);
    }

    @Operation(summary = "Get one journal entry with its analysis and attachments")
    @ApiResponse(responseCode = "200", description = "The entry; its ETag is the version to send in If-Match")
    @GetMapping("/{id}")
    ResponseEntity<JournalEntryDetail> one(@CurrentUser AuthenticatedUser user, @PathVariable UUID id) {
        JournalEntries.StoredEntry stored = owned(user, id);
        JournalEntryView e = stored.entry();
        JournalEntryDetail detail = new JournalEntryDetail(e.id(), e.date(), e.title(), e.content(), e.mood(),
                e.tags(), e.location(), e.weather(), e.wordCount(), e.readingTime(), e.isPrivate(),
                stored.attachments().stream().map(links::view).toList(), e.version(), e.createdAt(), e.updatedAt(),
                analyses.of(e));
        if (detail.analysis().pending()) {
            // The analysis changes without the entry's version: a tag of the version alone would answer a client
            // polling for it with 304. The version stays in the body for an If-Match.
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(detail);
        }
        return ResponseEntity.ok().eTag(Long.toString(e.version())).body(detail);
    }

    /** A stable link for an attachment: always redirects to a freshly presigned download. */
    @Operation(summary = "Download an attachment: redirects to a short-lived link")
    @ApiResponse(responseCode = "302", description = "Found; Location is a presigned download link")
    @GetMapping("/{id}/attachments/{attachmentId}")
    ResponseEntity<Void> attachment(@CurrentUser AuthenticatedUser user, @PathVariable UUID id,
            @PathVariable UUID attachmentId) {
        StoredAttachment attachment = owned(user, id).attachments().stream()
                .filter(a -> attachmentId.equals(a.id()))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such attachment"));
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(links.download(attachment.s3Key())))
                .header("Cache-Control", "no-store").build();
    }

    private JournalEntries.StoredEntry owned(AuthenticatedUser user, UUID id) {
        // Someone else's entry is indistinguishable from a missing one: 404 either way.
        return entries.find(user.userId().value(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such journal entry"));
    }

    private static ResponseEntity<String> jsonBody(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
