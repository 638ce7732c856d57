package com.mindflow.command.journal.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.mindflow.command.journal.JournalDraft;
import com.mindflow.command.journal.JournalEntry;
import com.mindflow.command.tag.Tag;
import com.mindflow.events.journal.Mood;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of a create or replace: the author's part of an entry. Limits mirror the seed's columns and checks (Java
 * counts UTF-16 units, PostgreSQL characters, so a text that passes here always fits). PostgreSQL text cannot hold
 * NUL, so NUL is refused here rather than failing the insert. Word count and reading time are the server's: a body
 * that sends them is refused as having unknown fields.
 */
@Schema(description = "A journal entry as its author writes it: the body of a create or a replace. Word count and "
        + "reading time are computed by the server.")
record JournalEntryRequest(
        @Schema(description = "The day the entry is about (ISO-8601 date, e.g. `2025-03-14`); one entry per day. "
                + "Default: today in the user's time zone.")
        LocalDate date,
        @NotBlank @Size(max = JournalEntry.MAX_TITLE) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title,
        @NotNull @Size(max = JournalEntry.MAX_CONTENT) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String content,
        @Schema(description = "How the author felt: `ecstatic`, `happy`, `neutral`, `sad`, `anxious` or `angry`; "
                + "absent for none.")
        @Pattern(regexp = "ecstatic|happy|neutral|sad|anxious|angry",
                message = "must be one of ecstatic, happy, neutral, sad, anxious, angry") String mood,
        @Schema(description = "The entry's tags, at most 30, each at most 50 characters.")
        @Size(max = MAX_TAGS) List<@NotBlank @Size(max = Tag.MAX_LENGTH)
                @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String> tags,
        @Schema(description = "Where the author was, as free text.")
        @Size(max = JournalEntry.MAX_LOCATION) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String location,
        @Schema(description = "The weather that day, as free text.")
        @Size(max = JournalEntry.MAX_WEATHER) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String weather,
        @Schema(description = "A private entry is never analysed by the AI nor embedded for semantic search. "
                + "Default false.")
        Boolean isPrivate) {

    /** Not a column limit (the seed has none); keeps one entry's tag list something a person reads. */
    static final int MAX_TAGS = 30;
    static final String NO_NUL = "[^\\x00]*";
    static final String NUL_MESSAGE = "must not contain NUL characters";

    JournalDraft toDraft(LocalDate today) {
        return new JournalDraft(date != null ? date : today, title.strip(), content,
                mood == null ? null : Mood.fromWireName(mood), tags == null ? null : Set.copyOf(tags),
                location, weather, Boolean.TRUE.equals(isPrivate));
    }
}
