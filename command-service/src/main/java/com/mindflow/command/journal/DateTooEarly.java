package com.mindflow.command.journal;

import java.time.LocalDate;

/**
 * An entry dated before {@link #EARLIEST}. A journal of the living starts no earlier; without a floor, entries dated
 * in year 1 would let one account fill the table and its storage without bound.
 */
public class DateTooEarly extends RuntimeException {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    public DateTooEarly() {
        super("must not be before " + EARLIEST);
    }
}
