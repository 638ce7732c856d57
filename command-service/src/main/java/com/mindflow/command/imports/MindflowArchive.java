package com.mindflow.command.imports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mindflow.command.attachment.domain.EntryAttachments;
import com.mindflow.command.imports.SafeArchive.Unpacked;
import com.mindflow.command.imports.SourceEntry.SourceAttachment;
import com.mindflow.events.journal.Mood;

import tools.jackson.databind.JsonNode;

/**
 * MindFlow's own export, format 1 (see README "Export"): {@code entries.json} and the attachments at the paths it
 * names. Only the fields the format promises an importer are read; the profile, settings and the rest are
 * informational.
 */
final class MindflowArchive {

    static final String ENTRIES = "entries.json";

    private MindflowArchive() {
    }

    static List<SourceEntry> read(SafeArchive archive, EntryRules rules, ImportSettings limits) {
        Unpacked file = archive.files().get(ENTRIES);
        if (file == null) {
            throw ImportRefused.malformed("A MindFlow archive must hold " + ENTRIES + " at its root");
        }
        List<SourceEntry> read = new ArrayList<>();
        Map<String, JsonNode> root = Json.stream(file.path(), ENTRIES, "entries", (entry, index) -> {
            if (index >= limits.maxEntries()) {
                throw ImportRefused.tooLarge(ENTRIES + " holds more than " + limits.maxEntries()
                        + " entries; at most that many are imported at once");
            }
            read.add(entry(entry, index, archive, rules));
        });
        // Checked after the entries (the properties may come in any order); nothing is written before this returns.
        JsonNode format = root.get("format");
        if (format == null || !"mindflow-export".equals(format.asString(null))) {
            throw ImportRefused.malformed(ENTRIES + ": format must be \"mindflow-export\"");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || version.asInt(0) != 1) {
            throw ImportRefused.malformed(ENTRIES + ": formatVersion " + version
                    + " is not supported (this server reads 1)");
        }
        return read;
    }

    private static SourceEntry entry(JsonNode entry, int index, SafeArchive archive, EntryRules rules) {
        String date = entry.path("date").asString(null);
        String key = EntryRules.sourceKey(entry.get("id"), "entries[" + index + "]");
        if (!entry.isObject()) {
            return SourceEntry.invalid(key, date, "entries[" + index + "]: not an object");
        }
        LocalDate day;
        try {
            day = date == null ? null : LocalDate.parse(date);
        }
        catch (DateTimeParseException e) {
            day = null;
        }
        Mood mood;
        try {
            mood = entry.hasNonNull("mood") ? Mood.fromWireName(entry.get("mood").asString()) : null;
        }
        catch (IllegalArgumentException e) {
            return SourceEntry.invalid(key, date, "mood: must be one of ecstatic, happy, neutral, sad, anxious, angry");
        }
        List<String> tags = new ArrayList<>();
        entry.path("tags").forEach(tag -> tags.add(tag.asString("")));
        List<String> notes = new ArrayList<>();
        List<SourceAttachment> attachments = new ArrayList<>();
        int references = 0;
        for (JsonNode attachment : entry.path("attachments")) {
            if (++references > EntryAttachments.MAX_PER_ENTRY + 1) {
                break; // one more than allowed already fails the entry: the rest need not be read
            }
            String path = attachment.path("path").asString(null);
            String fileName = attachment.path("fileName").asString(path);
            Unpacked bytes = path == null ? null : archive.files().get(path);
            if (bytes == null) {
                notes.add(fileName + " skipped: not in the archive");
                continue;
            }
            EntryRules.attachment(bytes.path(), bytes.size(), fileName, attachment.path("sha256").asString(null),
                    notes, archive::sha256).ifPresent(attachments::add);
        }
        EntryRules.Fields fields = new EntryRules.Fields(day, entry.path("title").asString(null),
                entry.path("content").asString(""), mood, tags, entry.path("location").asString(null),
                entry.path("weather").asString(null), entry.path("isPrivate").asBoolean(false));
        return rules.check(key, date, fields, attachments, notes);
    }
}
