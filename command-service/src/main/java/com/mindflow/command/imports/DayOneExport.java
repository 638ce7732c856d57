package com.mindflow.command.imports;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.mindflow.command.attachment.domain.EntryAttachments;
import com.mindflow.command.imports.SafeArchive.Unpacked;
import com.mindflow.command.imports.SourceEntry.SourceAttachment;
import com.mindflow.command.journal.JournalEntry;

import tools.jackson.databind.JsonNode;

/**
 * Day One's JSON export: a ZIP with one JSON file per journal at its root ({@code Journal.json}, or the journal's
 * name), each {@code {"metadata": ..., "entries": [...]}}, and the photos at {@code photos/<md5>.<type>}. Day One has
 * no title and no mood: the first line of the text becomes the title, the mood stays empty. The day is the creation
 * instant in the entry's own time zone, the day the writer saw.
 */
final class DayOneExport {

    /** Day One's inline photo reference, {@code ![](dayone-moment://<identifier>)}: MindFlow attaches the file instead. */
    // Bounded repetitions: an unbounded [^\]]* backtracks quadratically on "![![![..." without a closing bracket.
    private static final Pattern MOMENT = Pattern.compile("!\\[[^\\]\n]{0,200}\\]\\(dayone-moment:/?/?[^)\\s]{0,500}\\)");
    private static final Pattern HEADING = Pattern.compile("^#+\\s*");
    static final String STARRED_TAG = "starred";

    private DayOneExport() {
    }

    /** Whether the archive looks like a Day One export: a JSON file at its root and no MindFlow entries.json. */
    static boolean matches(SafeArchive archive) {
        return !journals(archive).isEmpty() && !archive.files().containsKey(MindflowArchive.ENTRIES);
    }

    static List<SourceEntry> read(SafeArchive archive, EntryRules rules, ImportSettings limits) {
        List<Unpacked> journals = journals(archive);
        if (journals.isEmpty()) {
            throw ImportRefused.malformed("A Day One export must hold Journal.json (or another .json file) at its root");
        }
        List<SourceEntry> read = new ArrayList<>();
        for (Unpacked journal : journals) {
            int before = read.size();
            Json.stream(journal.path(), journal.name(), "entries", (entry, index) -> {
                if (before + index >= limits.maxEntries()) {
                    throw ImportRefused.tooLarge("The export holds more than " + limits.maxEntries()
                            + " entries; at most that many are imported at once");
                }
                read.add(entry(entry, journal.name() + "#entries[" + index + "]", archive, rules));
            });
        }
        return read;
    }

    private static List<Unpacked> journals(SafeArchive archive) {
        return archive.files().values().stream()
                .filter(file -> !file.name().contains("/") && file.name().toLowerCase(Locale.ROOT).endsWith(".json"))
                .toList();
    }

    private static SourceEntry entry(JsonNode entry, String position, SafeArchive archive, EntryRules rules) {
        String key = EntryRules.sourceKey(entry.get("uuid"), position);
        String created = entry.path("creationDate").asString(null);
        LocalDate day = day(created, entry.path("timeZone").asString(null));
        String text = MOMENT.matcher(entry.path("text").asString("")).replaceAll("").strip();
        List<String> tags = new ArrayList<>();
        entry.path("tags").forEach(tag -> tags.add(tag.asString("")));
        if (entry.path("starred").asBoolean(false)) {
            tags.add(STARRED_TAG);
        }
        List<String> notes = new ArrayList<>();
        List<SourceAttachment> attachments = new ArrayList<>();
        int references = 0;
        for (JsonNode photo : entry.path("photos")) {
            if (++references > EntryAttachments.MAX_PER_ENTRY + 1) {
                break; // one more than allowed already fails the entry: the rest need not be read
            }
            String md5 = photo.path("md5").asString(null);
            String type = photo.path("type").asString("jpeg");
            String name = "photos/" + md5 + "." + type;
            Unpacked file = md5 == null ? null : archive.files().get(name);
            if (file == null) {
                notes.add(name + " skipped: not in the archive");
                continue;
            }
            EntryRules.attachment(file.path(), file.size(), md5 + "." + type, null, notes, archive::sha256)
                    .ifPresent(attachments::add);
        }
        EntryRules.Fields fields = new EntryRules.Fields(day, title(text, day), text, null, tags,
                EntryRules.cut(location(entry.path("location")), JournalEntry.MAX_LOCATION),
                EntryRules.cut(weather(entry.path("weather")), JournalEntry.MAX_WEATHER),
                false);
        return rules.check(key, created, fields, attachments, notes);
    }

    private static LocalDate day(String creationDate, String timeZone) {
        if (creationDate == null) {
            return null;
        }
        ZoneId zone;
        try {
            zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        }
        catch (DateTimeException unknownZone) {
            zone = ZoneOffset.UTC;
        }
        try {
            return Instant.parse(creationDate).atZone(zone).toLocalDate();
        }
        catch (DateTimeException e) {
            return null;
        }
    }

    /** The first line with words, without its Markdown heading marks; a date when the text has none. */
    private static String title(String text, LocalDate day) {
        for (String line : text.split("\n")) {
            String plain = HEADING.matcher(line.strip()).replaceAll("").replace("\\", "").strip();
            if (!plain.isEmpty()) {
                return EntryRules.cut(plain, JournalEntry.MAX_TITLE);
            }
        }
        return "Day One entry" + (day == null ? "" : " of " + day);
    }

    private static String location(JsonNode location) {
        if (location.isMissingNode() || location.isNull()) {
            return null;
        }
        Set<String> parts = new LinkedHashSet<>();
        for (String field : new String[] { "placeName", "localityName", "administrativeArea", "country" }) {
            String part = location.path(field).asString("").strip();
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String weather(JsonNode weather) {
        if (weather.isMissingNode() || weather.isNull()) {
            return null;
        }
        List<String> parts = new ArrayList<>(2);
        String conditions = weather.path("conditionsDescription").asString("").strip();
        if (!conditions.isEmpty()) {
            parts.add(conditions);
        }
        if (weather.path("temperatureCelsius").isNumber()) {
            parts.add(Math.round(weather.get("temperatureCelsius").asDouble()) + " °C");
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
