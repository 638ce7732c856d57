package com.mindflow.command.journal;

import com.mindflow.events.journal.Mood;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores moods lower-case, as the seed's {@code check_mood} constraint expects. */
@Converter(autoApply = true)
class MoodConverter implements AttributeConverter<Mood, String> {

    @Override
    public String convertToDatabaseColumn(Mood mood) {
        return mood == null ? null : mood.wireName();
    }

    @Override
    public Mood convertToEntityAttribute(String value) {
        return value == null ? null : Mood.fromWireName(value);
    }
}
