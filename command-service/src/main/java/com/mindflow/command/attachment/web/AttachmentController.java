package com.mindflow.command.attachment.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.mindflow.command.attachment.application.AddedAttachment;
import com.mindflow.command.attachment.application.AttachmentService;
import com.mindflow.command.attachment.application.Upload;
import com.mindflow.command.attachment.domain.Attachment;
import com.mindflow.command.attachment.domain.AttachmentId;
import com.mindflow.command.attachment.domain.AttachmentNotFound;
import com.mindflow.command.attachment.domain.AttachmentRefused;
import com.mindflow.command.attachment.domain.EntryNotFound;
import com.mindflow.command.attachment.storage.AttachmentObjects;
import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.JournalEntryId;
import com.mindflow.support.problem.FieldProblem;
import com.mindflow.support.problem.Problems;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Attaching files to an entry and removing them. Reading an attachment ({@code GET}) is query-service's: the gateway
 * routes by method.
 */
@Tag(name = "Attachments", description = "Images and PDFs attached to journal entries.")
@RestController
@RequestMapping("/api/journals/{entryId}/attachments")
class AttachmentController {

    static final String FILE_PART = "file";

    private final AttachmentService attachments;
    private final AttachmentObjects objects;

    AttachmentController(AttachmentService attachments, AttachmentObjects objects) {
        this.attachments = attachments;
        this.objects = objects;
    }

    @Operation(summary = "Attach an image or PDF to a journal entry (multipart upload, field file)")
    @ApiResponse(responseCode = "201", description = "Attached; Location is the attachment")
    @ApiResponse(responseCode = "409", description = "The entry has the most attachments allowed (code too-many-attachments)")
    @ApiResponse(responseCode = "413", description = "The file, or the user's storage quota, is too large")
    @ApiResponse(responseCode = "422", description = "The image cannot be read or is too large to decode")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The upload: part `file`, a JPEG, PNG, "
            + "WebP or GIF image or a PDF to attach to the journal entry.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<AttachmentResponse> attach(@CurrentUser AuthenticatedUser user, @PathVariable UUID entryId,
            @RequestPart(FILE_PART) MultipartFile file) throws IOException {
        JournalEntryId entry = new JournalEntryId(entryId);
        // The container has already spooled the part to disk; one copy of our own keeps the file readable for
        // sniffing, decoding and the S3 upload whatever the container does with its part afterwards.
        Path copy = Files.createTempFile("attachment-", ".upload");
        try {
            file.transferTo(copy);
            AddedAttachment added = attachments.attach(author(user), user.emailVerified(), entry,
                    new Upload(copy, Files.size(copy), file.getOriginalFilename()));
            Attachment attachment = added.attachment();
            AttachmentResponse body = AttachmentResponse.of(added, objects.presignDownload(attachment.file().key()),
                    attachment.thumbnail() == null ? null : objects.presignDownload(attachment.thumbnail().key()));
            return ResponseEntity.created(URI.create("/api/journals/" + entry + "/attachments/" + attachment.id()))
                    .body(body);
        }
        finally {
            Files.deleteIfExists(copy);
        }
    }

    @Operation(summary = "Remove an attachment from a journal entry")
    @ApiResponse(responseCode = "204", description = "Removed")
    @DeleteMapping("/{attachmentId}")
    ResponseEntity<Void> remove(@CurrentUser AuthenticatedUser user, @PathVariable UUID entryId,
            @PathVariable UUID attachmentId) {
        attachments.remove(author(user), new JournalEntryId(entryId), new AttachmentId(attachmentId));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(AttachmentRefused e) {
        ProblemDetail problem = switch (e.reason()) {
            case EMPTY -> fileProblem(HttpStatus.BAD_REQUEST, "invalid-field", e.getMessage());
            case TOO_LARGE -> fileProblem(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", e.getMessage());
            case UNSUPPORTED_TYPE -> fileProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-file-type",
                    e.getMessage());
            case UNREADABLE_IMAGE -> fileProblem(HttpStatus.UNPROCESSABLE_CONTENT, "unreadable-image", e.getMessage());
            case TOO_MANY_PIXELS -> fileProblem(HttpStatus.UNPROCESSABLE_CONTENT, "image-too-large", e.getMessage());
            case DECOMPRESSION_BOMB -> fileProblem(HttpStatus.UNPROCESSABLE_CONTENT, "decompression-bomb",
                    e.getMessage());
            case TOO_MANY_ATTACHMENTS -> Problems.of(HttpStatus.CONFLICT, "too-many-attachments", e.getMessage());
            case QUOTA_EXCEEDED -> fileProblem(HttpStatus.CONTENT_TOO_LARGE, "storage-quota-exceeded",
                    e.getMessage());
        };
        return problem(problem);
    }

    @ExceptionHandler({ EntryNotFound.class, AttachmentNotFound.class })
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        // The same answer for "absent" and "someone else's": ids of other users' entries must not be confirmable.
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "No such resource"));
    }

    private static ProblemDetail fileProblem(HttpStatus status, String code, String message) {
        return Problems.withErrors(status, code, message, List.of(new FieldProblem(FILE_PART, message)));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static AuthorId author(AuthenticatedUser user) {
        return new AuthorId(user.userId().value());
    }
}
