package com.mindflow.command.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.mindflow.events.journal.Mood;

/**
 * Daylio's CSV export: a header {@code full_date,date,weekday,time,mood,activities,note_title,note} (older exports
 * lack {@code note_title}), one row per mood logged, RFC 4180 quoting (notes span lines). Activities become tags,
 * the note the content (its {@code <br>} line breaks as new lines), the mood one of MindFlow's six
 * ({@link #mood}). Daylio rows have no id: the ledger key is a hash of the row.
 */
final class DaylioCsv {

    static final String HEADER_START = "full_date";
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern TAG = Pattern.compile("<[^>]{0,200}>");

    private DaylioCsv() {
    }

    /** Whether the file starts with Daylio's header (an optional UTF-8 byte order mark before it). */
    static boolean matches(Path file) {
        try (var in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64), StandardCharsets.UTF_8);
            return head.replace("\uFEFF", "").stripLeading().startsWith(HEADER_START);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SourceEntry> read(Path file, EntryRules rules, ImportSettings limits) {
        List<List<String>> rows = rows(file, limits);
        if (rows.isEmpty() || rows.get(0).isEmpty() || !rows.get(0).get(0).replace("\uFEFF", "").strip()
                .equals(HEADER_START)) {
            throw ImportRefused.malformed("A Daylio export starts with the header full_date,date,weekday,time,mood,"
                    + "activities,note_title,note");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT), i);
        }
        if (!columns.containsKey("mood")) {
            throw ImportRefused.malformed("The Daylio export has no mood column");
        }
        if (rows.size() - 1 > limits.maxEntries()) {
            throw ImportRefused.tooLarge("The export holds " + (rows.size() - 1) + " rows; at most "
                    + limits.maxEntries() + " are imported at once");
        }
        List<SourceEntry> read = new ArrayList<>(rows.size() - 1);
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue; // a trailing empty line
            }
            read.add(row(row, columns, rules));
        }
        return read;
    }

    private static SourceEntry row(List<String> row, Map<String, Integer> columns, EntryRules rules) {
        String fullDate = cell(row, columns, "full_date");
        String key = "sha256:" + EntryRules.sha256(String.join("\u001f", row));
        LocalDate day;
        try {
            day = LocalDate.parse(fullDate);
        }
        catch (DateTimeParseException e) {
            return SourceEntry.invalid(key, fullDate, "full_date: '" + EntryRules.cut(fullDate, 40)
                    + "' is not a date (yyyy-MM-dd)");
        }
        List<String> notes = new ArrayList<>();
        String moodName = cell(row, columns, "mood").strip();
        Mood mood = mood(moodName);
        if (mood == null && !moodName.isEmpty()) {
            notes.add("mood '" + EntryRules.cut(moodName, 40) + "' has no MindFlow equivalent: left empty");
        }
        List<String> tags = new ArrayList<>();
        for (String part : cell(row, columns, "activities").split("\\|")) { // a literal bar: no backtracking
            String activity = part.strip();
            if (!activity.isBlank()) {
                tags.add(activity);
            }
        }
        String title = html(cell(row, columns, "note_title")).strip();
        if (title.isEmpty()) {
            title = "Daylio entry of " + day;
        }
        String content = html(cell(row, columns, "note")).strip();
        EntryRules.Fields fields = new EntryRules.Fields(day, title, content, mood, tags, null, null, false);
        return rules.check(key, fullDate, fields, List.of(), notes);
    }

    /**
     * Daylio's five default moods map by rank onto MindFlow's scores (rad 1.0, good 0.6, meh 0.0, bad -0.6,
     * awful -0.8), so trends keep their order; a custom mood maps when its name says one of MindFlow's six or a
     * common synonym, and is otherwise left empty (noted in the results). See README "Import".
     */
    static Mood mood(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "rad", "ecstatic", "excited", "amazing", "great", "awesome", "fantastic" -> Mood.ECSTATIC;
            case "good", "happy", "fine", "content", "calm", "relaxed" -> Mood.HAPPY;
            case "meh", "neutral", "ok", "okay", "so-so" -> Mood.NEUTRAL;
            case "bad", "sad", "down", "tired", "lonely" -> Mood.SAD;
            case "awful", "angry", "mad", "furious", "annoyed", "terrible" -> Mood.ANGRY;
            case "anxious", "stressed", "nervous", "worried", "afraid", "scared" -> Mood.ANXIOUS;
            default -> null;
        };
    }

    /** A note's HTML as plain Markdown text: line breaks kept, other tags dropped, the common entities decoded. */
    static String html(String text) {
        String lines = BREAK.matcher(text).replaceAll("\n");
        return TAG.matcher(lines).replaceAll("")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String cell(List<String> row, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        return index == null || index >= row.size() ? "" : row.get(index);
    }

    /** RFC 4180: fields separated by commas, quoted with '"' (doubled inside), quoted fields may hold line breaks. */
    private static List<List<String>> rows(Path file, ImportSettings limits) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<List<String>> rows = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file);
                BufferedReader in = new BufferedReader(Channels.newReader(channel, decoder, -1))) {
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int c;
            while ((c = in.read()) != -1) {
                if (quoted) {
                    if (c != '"') {
                        field.append((char) c);
                        continue;
                    }
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    }
                    else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                }
                else if (c == '"') {
                    quoted = true;
                }
                else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                }
                else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    if (rows.size() > limits.maxEntries() + 1) {
                        throw ImportRefused.tooLarge("The export holds more than " + limits.maxEntries() + " rows");
                    }
                }
                else if (c != '\r') {
                    field.append((char) c);
                }
            }
            if (quoted) {
                throw ImportRefused.malformed("The CSV ends inside a quoted field (row " + (rows.size() + 1) + ")");
            }
            if (!field.isEmpty() || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
        catch (CharacterCodingException e) {
            throw ImportRefused.malformed("The CSV is not UTF-8 text");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
