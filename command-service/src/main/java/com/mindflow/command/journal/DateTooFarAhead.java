package com.mindflow.command.journal;

import java.time.LocalDate;

/**
 * An entry dated more than a day after the author's today. One day of slack covers a traveller whose device is
 * already in tomorrow; anything further is a mistake, and would also spoil the streak.
 */
public class DateTooFarAhead extends RuntimeException {

    public DateTooFarAhead(LocalDate date, LocalDate latest) {
        super("must not be after " + latest);
    }
}
