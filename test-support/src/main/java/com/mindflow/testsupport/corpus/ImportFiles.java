package com.mindflow.testsupport.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * Files to import, built the way their applications write them: MindFlow's export archive (format 1, see README
 * "Export"), Day One's JSON export, Daylio's CSV export, and hostile archives (zip bombs, path traversal, symlinks).
 * Built here rather than by the exporter so that import tests do not depend on it.
 */
public final class ImportFiles {

    private ImportFiles() {
    }

    /** A small real PNG picture. */
    public static byte[] png() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(AttachmentCorpus.picture(64, 48), "png", out);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry of a MindFlow archive; {@code attachments} are file name to bytes. */
    public record MindflowEntry(UUID id, String date, String title, String content, String mood, List<String> tags,
            String location, String weather, boolean isPrivate, Map<String, byte[]> attachments) {

        public static MindflowEntry of(String date, String title, String content, String mood, String... tags) {
            return new MindflowEntry(UUID.randomUUID(), date, title, content, mood, List.of(tags), null, null, false,
                    Map.of());
        }

        public MindflowEntry with(String location, String weather, boolean isPrivate, Map<String, byte[]> files) {
            return new MindflowEntry(id, date, title, content, mood, tags, location, weather, isPrivate, files);
        }
    }

    /** A MindFlow export archive, format 1, of {@code entries} (entries.json, Markdown files, attachments). */
    public static byte[] mindflowArchive(List<MindflowEntry> entries) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder json = new StringBuilder("""
                {"format": "mindflow-export", "formatVersion": 1, "exportedAt": "2026-12-05T10:00:00Z",
                 "profile": {"displayName": "Importer"}, "settings": {}, "consentHistory": [], "streaks": {},
                 "insights": [], "entries": [""");
        for (int i = 0; i < entries.size(); i++) {
            MindflowEntry entry = entries.get(i);
            StringBuilder attachments = new StringBuilder();
            for (Map.Entry<String, byte[]> file : entry.attachments().entrySet()) {
                UUID attachmentId = UUID.randomUUID();
                String path = "journal/" + entry.date() + "/" + attachmentId + "-" + file.getKey();
                files.put(path, file.getValue());
                if (!attachments.isEmpty()) {
                    attachments.append(',');
                }
                attachments.append("{\"id\": \"").append(attachmentId).append("\", \"fileName\": ")
                        .append(string(file.getKey())).append(", \"contentType\": \"image/png\", \"sizeBytes\": ")
                        .append(file.getValue().length).append(", \"sha256\": \"").append(sha256(file.getValue()))
                        .append("\", \"path\": ").append(string(path)).append('}');
            }
            json.append(i == 0 ? "\n" : ",\n").append("{\"id\": \"").append(entry.id()).append("\", \"date\": ")
                    .append(string(entry.date())).append(", \"title\": ").append(string(entry.title()))
                    .append(", \"content\": ").append(string(entry.content())).append(", \"mood\": ")
                    .append(string(entry.mood())).append(", \"tags\": [")
                    .append(String.join(", ", entry.tags().stream().map(ImportFiles::string).toList()))
                    .append("], \"location\": ").append(string(entry.location())).append(", \"weather\": ")
                    .append(string(entry.weather())).append(", \"isPrivate\": ").append(entry.isPrivate())
                    .append(", \"version\": 3, \"wordCount\": 2, \"createdAt\": \"2026-01-01T00:00:00Z\"")
                    .append(", \"updatedAt\": \"2026-01-01T00:00:00Z\", \"attachments\": [").append(attachments)
                    .append("]}");
            files.put("journal/" + entry.date() + ".md", ("---\ntitle: " + entry.title() + "\n---\n"
                    + entry.content()).getBytes(StandardCharsets.UTF_8));
        }
        json.append("\n]}\n");
        Map<String, byte[]> archive = new LinkedHashMap<>();
        archive.put("entries.json", json.toString().getBytes(StandardCharsets.UTF_8));
        archive.put("entries.schema.json", "{}".getBytes(StandardCharsets.UTF_8));
        archive.put("README.txt", "A MindFlow export".getBytes(StandardCharsets.UTF_8));
        archive.putAll(files);
        return zip(archive);
    }

    /** A Day One JSON export: {@code journalJson} as Journal.json, and photos by archive path. */
    public static byte[] dayOneExport(String journalJson, Map<String, byte[]> photos) {
        Map<String, byte[]> archive = new LinkedHashMap<>();
        archive.put("Journal.json", journalJson.getBytes(StandardCharsets.UTF_8));
        archive.putAll(photos);
        return zip(archive);
    }

    /** A ZIP of the given files, DEFLATED, in order. */
    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip bomb: {@code megabytes} of zeros in one file, about a thousand times smaller compressed. */
    public static byte[] zipBomb(String name, int megabytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < megabytes; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A zip bomb that lies: {@code zip}'s central directory is rewritten to declare {@code declaredSize} bytes for
     * every file, so only the bytes that really inflate can show what it is.
     */
    public static byte[] declaring(byte[] zip, long declaredSize) {
        byte[] copy = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        for (int at : centralHeaders(copy)) {
            buffer.putInt(at + 24, (int) declaredSize);
        }
        return copy;
    }

    /** {@code zip} with every file marked as a Unix symbolic link in its central directory. */
    public static byte[] asSymlinks(byte[] zip) {
        byte[] copy = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        for (int at : centralHeaders(copy)) {
            copy[at + 5] = 3; // made by Unix
            buffer.putInt(at + 38, 0120777 << 16);
        }
        return copy;
    }

    /** Many tiny files: an archive over any sane count of entries. */
    public static byte[] manyFiles(int count) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            files.put("f" + i, new byte[0]);
        }
        return zip(files);
    }

    private static List<Integer> centralHeaders(byte[] zip) {
        List<Integer> found = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (buffer.getInt(i) == 0x02014b50) {
                found.add(i);
            }
        }
        return found;
    }

    /** A JSON string literal, or {@code null}. */
    public static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
