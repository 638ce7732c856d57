package com.mindflow.command.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.mindflow.command.export.ExportedJournal.Entry;
import com.mindflow.command.export.ExportedJournal.StoredAttachment;
import com.mindflow.support.storage.StorageProperties;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the export archive, format 1 (README "Export"), into a stream, never holding more than one page of entries:
 * <ol>
 * <li>per entry, its attachments (copied stream to stream from S3, hashed on the way) and its Markdown file;</li>
 * <li>then {@code entries.json}, written with Jackson's streaming generator from a second pass over the pages,
 * with the attachments' hashes from the first (a few dozen bytes per attachment, not per byte);</li>
 * <li>then the schema and the README.</li>
 * </ol>
 * Both passes run in one repeatable-read transaction (the caller's), so they see the same journal.
 */
@Component
class ArchiveWriter {

    static final String FORMAT = "mindflow-export";
    static final int FORMAT_VERSION = 1;
    static final String SCHEMA_RESOURCE = "export/entries.schema.json";
    static final String README_RESOURCE = "export/README.txt";

    private final ExportedJournal journal;
    private final S3Client s3;
    private final String bucket;
    private final JsonMapper json;

    ArchiveWriter(ExportedJournal journal, S3Client s3, StorageProperties storage, JsonMapper json) {
        this.journal = journal;
        this.s3 = s3;
        this.bucket = storage.bucket();
        this.json = json;
    }

    /**
     * Told after every entry and every attachment (an entry's 20 attachments of 50 MB may take minutes: the worker
     * must still show it lives); may throw to stop the export (e.g. its claim was lost).
     */
    interface Progress {
        void entriesDone(int done, int total);
    }

    /** Writes the whole archive to {@code out} (not closed); answers how many entries it holds. */
    int write(UUID user, String accountJson, Instant exportedAt, int pageSize, OutputStream out, Progress progress)
            throws IOException {
        int total = journal.count(user);
        progress.entriesDone(0, total);
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(6);
        Map<UUID, Written> attachments = new HashMap<>();
        int done = 0;
        LocalDate after = null;
        for (List<Entry> page = journal.page(user, null, pageSize); !page.isEmpty();
                page = journal.page(user, after, pageSize)) {
            for (Entry entry : page) {
                List<String> paths = new ArrayList<>();
                for (StoredAttachment attachment : entry.attachments()) {
                    Written written = copyAttachment(zip, entry, attachment);
                    if (written != null) {
                        attachments.put(attachment.id(), written);
                        paths.add(written.path());
                    }
                    progress.entriesDone(done, Math.max(total, done));
                }
                zip.putNextEntry(new ZipEntry(markdownPath(entry.date())));
                zip.write(Markdown.of(entry, paths, json).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                progress.entriesDone(++done, Math.max(total, done));
                after = entry.date();
            }
        }
        zip.putNextEntry(new ZipEntry("entries.json"));
        int written = writeEntriesJson(new Unclosable(zip), user, accountJson, exportedAt, pageSize, attachments);
        zip.closeEntry();
        copyResource(zip, "entries.schema.json", SCHEMA_RESOURCE);
        copyResource(zip, "README.txt", README_RESOURCE);
        zip.finish();
        return written;
    }

    private record Written(String path, String sha256) {
    }

    /** Null when the object is gone (the attachment was removed while the export ran): it is left out. */
    private Written copyAttachment(ZipOutputStream zip, Entry entry, StoredAttachment attachment) throws IOException {
        InputStream in;
        try {
            in = s3.getObject(request -> request.bucket(bucket).key(attachment.s3Key()));
        }
        catch (NoSuchKeyException gone) {
            return null;
        }
        String path = attachmentPath(entry.date(), attachment.id(), attachment.fileName());
        MessageDigest sha256 = sha256();
        try (in) {
            zip.putNextEntry(new ZipEntry(path));
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                zip.write(buffer, 0, n);
            }
            zip.closeEntry();
        }
        return new Written(path, HexFormat.of().formatHex(sha256.digest()));
    }

    private int writeEntriesJson(OutputStream out, UUID user, String accountJson, Instant exportedAt, int pageSize,
            Map<UUID, Written> attachments) {
        JsonNode account = json.readTree(accountJson);
        int count = 0;
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("format", FORMAT);
            g.writeNumberProperty("formatVersion", FORMAT_VERSION);
            g.writeStringProperty("exportedAt", exportedAt.toString());
            g.writeName("profile");
            g.writeTree(account.path("profile").isObject() ? account.get("profile") : json.createObjectNode());
            g.writeName("settings");
            g.writeTree(account.path("settings").isObject() ? account.get("settings") : json.createObjectNode());
            g.writeName("consentHistory");
            g.writeTree(account.path("consentHistory").isArray() ? account.get("consentHistory")
                    : json.createArrayNode());
            g.writeName("streaks");
            g.writePOJO(journal.streaks(user).orElse(Map.of()));
            // Insights come from ai-processing-service, which does not exist yet: none to export.
            g.writeName("insights");
            g.writeStartArray();
            g.writeEndArray();
            g.writeName("entries");
            g.writeStartArray();
            LocalDate after = null;
            for (List<Entry> page = journal.page(user, null, pageSize); !page.isEmpty();
                    page = journal.page(user, after, pageSize)) {
                for (Entry entry : page) {
                    writeEntry(g, entry, attachments);
                    after = entry.date();
                    count++;
                }
                g.flush();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return count;
    }

    private static void writeEntry(JsonGenerator g, Entry entry, Map<UUID, Written> attachments) {
        g.writeStartObject();
        g.writeStringProperty("id", entry.id().toString());
        g.writeStringProperty("date", entry.date().toString());
        g.writeStringProperty("title", entry.title());
        g.writeStringProperty("content", entry.content());
        g.writeStringProperty("mood", entry.mood());
        g.writeName("tags");
        g.writeStartArray();
        for (String tag : entry.tags()) {
            g.writeString(tag);
        }
        g.writeEndArray();
        g.writeStringProperty("location", entry.location());
        g.writeStringProperty("weather", entry.weather());
        g.writeBooleanProperty("isPrivate", entry.isPrivate());
        g.writeNumberProperty("version", entry.version());
        g.writeNumberProperty("wordCount", entry.wordCount());
        g.writeStringProperty("createdAt", entry.createdAt().toString());
        g.writeStringProperty("updatedAt", entry.updatedAt().toString());
        g.writeName("attachments");
        g.writeStartArray();
        for (StoredAttachment attachment : entry.attachments()) {
            Written written = attachments.get(attachment.id());
            if (written == null) {
                continue;
            }
            g.writeStartObject();
            g.writeStringProperty("id", attachment.id().toString());
            g.writeStringProperty("fileName", attachment.fileName());
            g.writeStringProperty("contentType", attachment.contentType());
            g.writeNumberProperty("sizeBytes", attachment.sizeBytes());
            g.writeStringProperty("sha256", written.sha256());
            g.writeStringProperty("path", written.path());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void copyResource(ZipOutputStream zip, String path, String resource) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }

    static String markdownPath(LocalDate date) {
        return "journal/" + date + ".md";
    }

    static String attachmentPath(LocalDate date, UUID attachment, String fileName) {
        return "journal/" + date + "/" + attachment + "-" + safeFileName(fileName);
    }

    /** The file name reduced to {@code [A-Za-z0-9._-]}, others as {@code _}, at most 100 characters. */
    static String safeFileName(String fileName) {
        String safe = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 100 ? safe.substring(0, 100) : safe;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets the JSON generator close its target without closing the archive around it. */
    private static final class Unclosable extends FilterOutputStream {

        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

}
