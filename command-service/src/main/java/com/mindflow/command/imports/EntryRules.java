package com.mindflow.command.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.mindflow.command.attachment.domain.Attachment;
import com.mindflow.command.attachment.domain.AttachmentType;
import com.mindflow.command.attachment.domain.EntryAttachments;
import com.mindflow.command.imports.SourceEntry.SourceAttachment;
import com.mindflow.command.journal.DateTooEarly;
import com.mindflow.command.journal.JournalDraft;
import com.mindflow.command.journal.JournalEntry;
import com.mindflow.command.tag.Tag;
import com.mindflow.events.journal.Mood;

import tools.jackson.databind.JsonNode;

/**
 * The checks an entry of any format passes before the import writes anything: the same limits the API's request
 * enforces (title, content, location, weather, tags, dates) and the attachment rules that need no upload (size, type
 * by the bytes, count per entry). An entry that fails becomes an {@code invalid} result; the file's other entries
 * are still imported.
 */
final class EntryRules {

    /** Same as the API's request: a tag list a person reads. */
    static final int MAX_TAGS = 30;

    private final LocalDate latestDay;

    /** @param latestDay the latest date an entry may have for this author (their today plus a day) */
    EntryRules(LocalDate latestDay) {
        this.latestDay = latestDay;
    }

    /** The author's part of an entry as a format read it; {@code date} may be null when the source had none. */
    record Fields(LocalDate date, String title, String content, Mood mood, List<String> tags, String location,
            String weather, boolean isPrivate) {
    }

    SourceEntry check(String key, String sourceDate, Fields fields, List<SourceAttachment> attachments,
            List<String> notes) {
        Optional<String> problem = problem(fields, attachments);
        if (problem.isPresent()) {
            return SourceEntry.invalid(key, sourceDate, problem.get());
        }
        Set<String> tags = new LinkedHashSet<>();
        fields.tags().forEach(tag -> tags.add(Tag.normalize(tag)));
        JournalDraft draft = new JournalDraft(fields.date(), fields.title().strip(), fields.content(), fields.mood(),
                tags, blankToNull(fields.location()), blankToNull(fields.weather()), fields.isPrivate());
        return SourceEntry.valid(key, sourceDate, draft, attachments, notes.isEmpty() ? null : String.join("; ", notes));
    }

    private Optional<String> problem(Fields fields, List<SourceAttachment> attachments) {
        if (fields.date() == null) {
            return Optional.of("date: missing or not a date");
        }
        if (fields.date().isBefore(DateTooEarly.EARLIEST)) {
            return Optional.of("date: must not be before " + DateTooEarly.EARLIEST);
        }
        if (fields.date().isAfter(latestDay)) {
            return Optional.of("date: must not be after " + latestDay);
        }
        if (fields.title() == null || fields.title().isBlank()) {
            return Optional.of("title: must not be blank");
        }
        List<String> problems = new ArrayList<>();
        tooLong("title", fields.title(), JournalEntry.MAX_TITLE, problems);
        tooLong("content", fields.content(), JournalEntry.MAX_CONTENT, problems);
        tooLong("location", fields.location(), JournalEntry.MAX_LOCATION, problems);
        tooLong("weather", fields.weather(), JournalEntry.MAX_WEATHER, problems);
        for (String text : new String[] { fields.title(), fields.content(), fields.location(), fields.weather() }) {
            if (text != null && text.indexOf('\0') >= 0) {
                problems.add("text must not contain NUL characters");
                break;
            }
        }
        if (fields.tags().size() > MAX_TAGS) {
            problems.add("tags: at most " + MAX_TAGS);
        }
        for (String tag : fields.tags()) {
            String name = Tag.normalize(tag);
            if (name.isEmpty() || name.length() > Tag.MAX_LENGTH || name.indexOf('\0') >= 0) {
                problems.add("tags: '" + shorten(tag) + "' must be 1 to " + Tag.MAX_LENGTH + " characters");
            }
        }
        if (attachments.size() > EntryAttachments.MAX_PER_ENTRY) {
            problems.add("attachments: at most " + EntryAttachments.MAX_PER_ENTRY + " per entry");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /**
     * The attachment if the upload rules would take it, else empty with the reason added to {@code notes}: a photo
     * MindFlow cannot hold (HEIC, a video) does not cost the entry its text.
     */
    static Optional<SourceAttachment> attachment(Path file, long size, String fileName, String expectedSha256,
            List<String> notes, Function<Path, String> digest) {
        if (size == 0) {
            notes.add(fileName + " skipped: empty");
            return Optional.empty();
        }
        if (size > Attachment.MAX_SIZE) {
            notes.add(fileName + " skipped: larger than " + Attachment.MAX_SIZE + " bytes");
            return Optional.empty();
        }
        byte[] head = new byte[AttachmentType.SIGNATURE_LENGTH];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (AttachmentType.sniff(head, read).isEmpty()) {
            notes.add(fileName + " skipped: only JPEG, PNG, GIF, WebP and PDF files can be attached");
            return Optional.empty();
        }
        String sha256 = digest.apply(file);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256)) {
            notes.add(fileName + " skipped: its bytes do not match the archive's sha256");
            return Optional.empty();
        }
        return Optional.of(new SourceAttachment(file, size, fileName, sha256));
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The ledger key of an entry from the source's own id: the id itself when it is a short, printable text, its
     * hash when it is long or holds control characters (the ledger column is 300 characters, attachment keys add
     * 77), and {@code fallback} (the entry's position) when the source has no usable id.
     */
    static String sourceKey(JsonNode id, String fallback) {
        if (id == null || !(id.isString() || id.isNumber())) {
            return fallback;
        }
        String value = id.asString();
        if (value.isBlank()) {
            return fallback;
        }
        if (value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            return "sha256:" + sha256(value);
        }
        return value;
    }

    /** Cuts a derived text (a title made from a first line, a joined location) to {@code max} characters. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1).strip() + "…";
    }

    private static void tooLong(String field, String value, int max, List<String> problems) {
        if (value != null && value.length() > max) {
            problems.add(field + ": at most " + max + " characters (has " + value.length() + ")");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String shorten(String text) {
        return cut(text, 60);
    }
}
