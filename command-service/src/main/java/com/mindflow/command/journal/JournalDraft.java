package com.mindflow.command.journal;

import com.mindflow.events.journal.Mood;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.mindflow.command.tag.Tag;

/**
 * What an author writes: everything of an entry that is not computed by the server. Tags arrive normalized
 * (trimmed, lower-cased, without duplicates) whatever the client sent.
 */
public record JournalDraft(LocalDate date, String title, String content, Mood mood, Set<String> tags, String location,
        String weather, boolean isPrivate) {

    public JournalDraft {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(content, "content");
        tags = normalize(tags == null ? List.of() : List.copyOf(tags));
    }

    private static Set<String> normalize(List<String> raw) {
        Set<String> names = new LinkedHashSet<>();
        for (String tag : raw) {
            String name = Tag.normalize(tag);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return Set.copyOf(names);
    }
}
