package com.mindflow.query.mood;

import java.util.List;

/** A month of the seed's calendar: every day of the month, in order, and how many of them have an entry. */
public record MoodCalendarView(int year, int month, int entryCount, List<CalendarDay> days) {
}
