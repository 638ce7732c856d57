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

/** The body of a create or replace: the author's part of an entry. Limits mirror the seed's columns and checks. */
record JournalEntryRequest(
        LocalDate date,
        @NotBlank @Size(max = JournalEntry.MAX_TITLE) String title,
        @NotNull @Size(max = JournalEntry.MAX_CONTENT) String content,
        @Pattern(regexp = "ecstatic|happy|neutral|sad|anxious|angry",
                message = "must be one of ecstatic, happy, neutral, sad, anxious, angry") String mood,
        @Size(max = 30) List<@NotBlank @Size(max = Tag.MAX_LENGTH) String> tags,
        @Size(max = JournalEntry.MAX_LOCATION) String location,
        @Size(max = JournalEntry.MAX_WEATHER) String weather,
        Boolean isPrivate) {

    JournalDraft toDraft(LocalDate today) {
        return new JournalDraft(date != null ? date : today, title.strip(), content,
                mood == null ? null : Mood.fromWireName(mood), tags == null ? null : Set.copyOf(tags),
                location, weather, Boolean.TRUE.equals(isPrivate));
    }
}
