package com.mindflow.command.export;

import java.util.List;

import com.mindflow.command.export.ExportedJournal.Entry;

import tools.jackson.databind.json.JsonMapper;

/**
 * One entry as a Markdown file: YAML front matter, then the content as written. Strings in the front matter are
 * written as JSON strings, which YAML reads as double-quoted scalars: no title can break out of its field.
 */
final class Markdown {

    private Markdown() {
    }

    static String of(Entry entry, List<String> attachmentPaths, JsonMapper json) {
        StringBuilder md = new StringBuilder(entry.content().length() + 512);
        md.append("---\n");
        md.append("id: ").append(entry.id()).append('\n');
        md.append("date: ").append(entry.date()).append('\n');
        md.append("title: ").append(json.writeValueAsString(entry.title())).append('\n');
        md.append("mood: ").append(entry.mood() == null ? "null" : entry.mood()).append('\n');
        md.append("tags: ").append(json.writeValueAsString(entry.tags())).append('\n');
        md.append("location: ").append(json.writeValueAsString(entry.location())).append('\n');
        md.append("weather: ").append(json.writeValueAsString(entry.weather())).append('\n');
        md.append("private: ").append(entry.isPrivate()).append('\n');
        md.append("version: ").append(entry.version()).append('\n');
        md.append("createdAt: ").append(entry.createdAt()).append('\n');
        md.append("updatedAt: ").append(entry.updatedAt()).append('\n');
        md.append("attachments: ").append(json.writeValueAsString(attachmentPaths)).append('\n');
        md.append("---\n\n");
        md.append(entry.content());
        if (!entry.content().endsWith("\n")) {
            md.append('\n');
        }
        return md.toString();
    }
}
